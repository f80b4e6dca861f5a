package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.PostId;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Post ids say which post an entry is, across reads and feeds; hashes say whether it changed. */
class FeedIdsTest {
    private static final URI BLOG = URI.create("https://blog.example/feed.xml");
    private static final URI PLANET = URI.create("https://planet.example/rss");

    private static String rssAt(String site, String items) {
        return TestFeeds.rss(items).replace("<link>https://blog.example/</link>", "<link>" + site + "</link>");
    }

    private static FeedEntry only(String xml, URI location) {
        List<FeedEntry> entries = TestFeeds.read(xml, location).entries();
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    @Test
    void idsAreSixteenUrlSafeCharactersAndDistinct() {
        List<String> ids = TestFeeds.read(TestFeeds.SAMPLE_BLOG).entries().stream()
                .map(FeedEntry::id).toList();

        assertThat(ids).hasSize(6).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{16}"));
        assertThat(ids).allMatch(PostId::isValid);
    }

    @Test
    void idsAndHashesAreStableAcrossReads() {
        List<FeedEntry> first = TestFeeds.read(TestFeeds.SAMPLE_BLOG).entries();
        List<FeedEntry> again = TestFeeds.read(TestFeeds.SAMPLE_BLOG).entries();

        assertThat(again).extracting(FeedEntry::id).containsExactlyElementsOf(first.stream().map(FeedEntry::id).toList());
        assertThat(again).extracting(FeedEntry::hash)
                .containsExactlyElementsOf(first.stream().map(FeedEntry::hash).toList());
    }

    @Test
    void aFullUriGuidGivesTheSameIdInTwoDifferentFeeds() {
        String item = """
                <item><title>Syndicated</title><guid isPermaLink="false">https://blog.example/posts/1</guid></item>
                <item><title>Tagged</title><guid isPermaLink="false">tag:blog.example,2024:post-2</guid></item>
                """;
        List<FeedEntry> own = TestFeeds.read(rssAt("https://blog.example/", item), BLOG).entries();
        List<FeedEntry> aggregated = TestFeeds.read(rssAt("https://planet.example/", item.replace("Syndicated",
                "Blog: Syndicated")), PLANET).entries();

        assertThat(aggregated.get(0).id()).isEqualTo(own.get(0).id());
        assertThat(aggregated.get(1).id()).isEqualTo(own.get(1).id());
    }

    @Test
    void anAtomIdAndAnRssGuidNamingTheSameUrnGiveTheSameId() {
        FeedEntry rss = only(TestFeeds.rss(
                "<item><title>t</title><guid>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</guid></item>"), BLOG);
        FeedEntry atom = only(TestFeeds.atom("""
                <entry><title>t</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id></entry>
                """), PLANET);

        assertThat(atom.id()).isEqualTo(rss.id());
    }

    @Test
    void aGuidThatIsNotAUriGivesDifferentIdsInDifferentFeeds() {
        String item = "<item><title>Post 42</title><guid isPermaLink=\"false\">42</guid></item>";

        FeedEntry blog = only(rssAt("https://blog.example/", item), BLOG);
        FeedEntry other = only(rssAt("https://other.example/", item), URI.create("https://other.example/feed"));

        assertThat(other.id()).isNotEqualTo(blog.id());
        assertThat(only(rssAt("https://blog.example/", item), BLOG).id()).isEqualTo(blog.id());
    }

    @Test
    void aFeedThatNamesItselfKeepsItsLocalGuidIdsWhereverItIsFetchedFrom() {
        String xml = TestFeeds.rss("""
                <atom:link rel="self" href="https://blog.example/feed.xml"/>
                <item><title>Post 42</title><guid isPermaLink="false">42</guid></item>
                """);

        FeedEntry direct = only(xml, BLOG);
        FeedEntry mirrored = only(xml.replace("<link>https://blog.example/</link>", "<link>https://www.blog.example/</link>"),
                URI.create("https://mirror.example/blog.xml"));

        assertThat(mirrored.id()).isEqualTo(direct.id());
    }

    @Test
    void withoutAGuidTheLinkIdentifiesThePost() {
        String items = """
                <item><title>One</title><link>https://blog.example/1</link></item>
                <item><title>Two</title><link>https://blog.example/2</link></item>
                """;
        List<FeedEntry> here = TestFeeds.read(rssAt("https://blog.example/", items), BLOG).entries();
        List<FeedEntry> there = TestFeeds.read(rssAt("https://planet.example/", items.replace("One", "Renamed")),
                PLANET).entries();

        assertThat(here.get(0).id()).isNotEqualTo(here.get(1).id());
        assertThat(there).extracting(FeedEntry::id).containsExactly(here.get(0).id(), here.get(1).id());
        assertThat(PostId.of("feed-a", "", "https://blog.example/1", "One", ""))
                .isEqualTo(PostId.of("feed-b", "", "https://blog.example/1", "Other title", "2024-01-01T00:00:00Z"));
    }

    @Test
    void withoutGuidOrLinkTheTitleAndDateIdentifyThePostWithinItsFeed() {
        String items = """
                <item><title>Note</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
                <item><title>Note</title><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>
                <item><title>Another note</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
                """;
        List<String> ids = TestFeeds.read(rssAt("https://blog.example/", items), BLOG).entries().stream()
                .map(FeedEntry::id).toList();
        List<String> again = TestFeeds.read(rssAt("https://blog.example/", items), BLOG).entries().stream()
                .map(FeedEntry::id).toList();
        List<String> elsewhere = TestFeeds.read(rssAt("https://other.example/", items),
                URI.create("https://other.example/feed")).entries().stream().map(FeedEntry::id).toList();

        assertThat(ids).doesNotHaveDuplicates().containsExactlyElementsOf(again);
        assertThat(elsewhere).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void editedContentKeepsTheIdButChangesTheHash() {
        String before = TestFeeds.rss("""
                <item><title>Post</title><guid>https://blog.example/p</guid><description>First draft.</description>
                  <category>java</category></item>
                """);
        FeedEntry original = only(before, BLOG);
        FeedEntry edited = only(before.replace("First draft.", "Second draft."), BLOG);
        FeedEntry retagged = only(before.replace("<category>java</category>", "<category>jvm</category>"), BLOG);
        FeedEntry same = only(before, BLOG);

        assertThat(edited.id()).isEqualTo(original.id());
        assertThat(retagged.id()).isEqualTo(original.id());
        assertThat(edited.hash()).isNotEqualTo(original.hash());
        assertThat(retagged.hash()).isNotEqualTo(original.hash());
        assertThat(same.hash()).isEqualTo(original.hash());
    }
}
