package blogsearch.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a post is called where it is listed: its title, or what stands in for a missing one. */
class PostTest {
    private static Post post(String title, String text, Optional<Instant> published) {
        String summary = text.length() > 280 ? text.substring(0, 280) + "…" : text;
        String url = "https://micro.example/1";
        return new Post(PostId.of("micro", "", url, "", ""), url, title, "", published, Optional.empty(), List.of(),
                "Micro", "", "en", text, summary);
    }

    @Test
    void aPostWithATitleIsCalledByItsTitle() {
        assertThat(post("Raised beds", "Raised beds warm up early.", Optional.empty()).displayTitle())
                .isEqualTo("Raised beds");
    }

    @Test
    void anUntitledShortPostIsCalledByAllOfItsText() {
        assertThat(post("", "Trying a new espresso grinder.", Optional.empty()).displayTitle())
                .isEqualTo("Trying a new espresso grinder.");
        assertThat(post("  ", "Trying a new espresso grinder.", Optional.empty()).displayTitle())
                .isEqualTo("Trying a new espresso grinder.");
    }

    @Test
    void anUntitledLongPostIsCalledByItsFirstWordsCutBetweenWords() {
        String text = "Tried the new espresso grinder this morning: finer than I expected, and the shots pull "
                + "slowly now, so tomorrow I will dial it back a notch and see.";
        String title = post("", text, Optional.empty()).displayTitle();

        assertThat(title).isEqualTo("Tried the new espresso grinder this morning: finer than I expected, and…");
        assertThat(title.length()).isLessThanOrEqualTo(Post.TITLE_WORDS_CHARS + 1);
    }

    @Test
    void anUntitledPostWithoutTextIsCalledByItsDate() {
        assertThat(post("", "", Optional.of(Instant.parse("2019-08-10T23:30:00Z"))).displayTitle())
                .isEqualTo("Post of 10 August 2019");
        assertThat(post("", "", Optional.empty()).displayTitle()).isEqualTo("Untitled post");
    }
}
