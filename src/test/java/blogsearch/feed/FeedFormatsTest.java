package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import blogsearch.feed.TestFeeds.Read;
import blogsearch.post.Post;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every feed format Rome knows, read from Rome's own test feeds and a real blog's feed. */
class FeedFormatsTest {

    /**
     * The fixtures' links are relative ("rss_0.9.item[0].link"), so each is read as if fetched from a web folder:
     * the channel link resolves against that, the item link against the channel link.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            rss_0.9   | rss_0.9.item[0].title                 | https://feeds.example/rome/rss_0.9.item%5B0%5D.link                 | -
            rss_0.91N | rss_0.91N.channel.item[0].title       | https://feeds.example/rome/rss_0.91N.channel.item%5B0%5D.link       | -
            rss_0.91U | rss_0.91U.channel.item[0].title       | https://feeds.example/rome/rss_0.91U.channel.item%5B0%5D.link       | -
            rss_0.92  | rss_0.92.channel.item[0].title        | https://feeds.example/rome/rss_0.92.channel.item%5B0%5D.link        | -
            rss_0.93  | rss_0.93.channel.item[0].title        | https://feeds.example/rome/rss_0.93.channel.item%5B0%5D.link        | 2001-01-01T00:00:00Z
            rss_0.94  | rss_0.94.channel.item[0].title        | https://feeds.example/rome/rss_0.94.channel.item%5B0%5D.link        | 2001-01-01T00:00:00Z
            rss_1.0   | rss_1.0.item[0].title                 | https://feeds.example/rome/rss_1.0.item%5B0%5D.link                 | -
            rss_2.0   | rss_2.0.channel.item[0].title         | https://feeds.example/rome/rss_2.0.channel.item%5B0%5D.link         | 2001-01-01T00:00:00Z
            atom_0.3  | atom_0.3.feed.entry[0].title          | https://feeds.example/rome/atom_0.3.feed.entry%5B0%5D.link%5Ehref   | 2000-01-01T00:00:00Z
            atom_1.0  | atom_1.0.feed.entry[0].title          | http://example.com/blog/entry1                                      | 2000-01-01T01:00:00Z
            """)
    void everyFormatGivesBothEntriesWithTheFirstOnesTitleLinkAndDate(String name, String title, String link,
            String date) {
        Read read = TestFeeds.read(TestFeeds.ROME.resolve(name + ".xml"),
                URI.create("https://feeds.example/rome/" + name + ".xml"));

        assertThat(read.entries()).hasSize(2);
        assertThat(read.info().entries()).isEqualTo(2);
        Post first = read.first().toPost();
        assertThat(first.title()).isEqualTo(title);
        assertThat(first.url()).isEqualTo(link);
        assertThat(first.published()).isEqualTo(Optional.ofNullable(date).map(Instant::parse));
        assertThat(read.entries().get(1).title()).isEqualTo(title.replace("[0]", "[1]"));
    }

    @Test
    void netscapeRss091WithADoctypeStillParses() throws IOException {
        Path file = TestFeeds.ROME.resolve("rss_0.91N.xml");
        assertThat(Files.readString(file)).contains("<!DOCTYPE rss PUBLIC");

        Read read = TestFeeds.read(file);

        assertThat(read.info().title()).isEqualTo("rss_0.91N.channel.title");
        assertThat(read.entries()).extracting(FeedEntry::title)
                .containsExactly("rss_0.91N.channel.item[0].title", "rss_0.91N.channel.item[1].title");
        assertThat(read.first().toPost().text()).isEqualTo("rss_0.91N.channel.item[0].description");
    }

    @Test
    void contentModuleAndAtomContentAreTheTextWhileTheDescriptionIsTheSummary() {
        Post rss = TestFeeds.read(TestFeeds.ROME.resolve("rss_2.0.xml")).first().toPost();
        Post atom = TestFeeds.read(TestFeeds.ROME.resolve("atom_1.0.xml")).first().toPost();

        assertThat(rss.text()).isEqualTo("rss_2.0.channel.item[0].content");
        assertThat(rss.summary()).isEqualTo("rss_2.0.channel.item[0].description");
        assertThat(atom.text()).isEqualTo("atom_1.0.feed.entry[0].content[0]");
        assertThat(atom.summary()).isEqualTo("atom_1.0.feed.entry[0].summary");
    }

    @Test
    void atomFeedNamesItsSelfLinkAndEntriesTheirAuthorAndCategory() {
        Read read = TestFeeds.read(TestFeeds.ROME.resolve("atom_1.0.xml"));

        assertThat(read.info().selfLink()).isEqualTo("http://example.com/blog/atom_1.0.xml");
        Post first = read.first().toPost();
        assertThat(first.feedUrl()).isEqualTo("http://example.com/blog/atom_1.0.xml");
        assertThat(first.author()).isEqualTo("atom_1.0.feed.entry[0].author.name");
        assertThat(first.tags()).containsExactly("test.category.term");
        assertThat(first.updated()).contains(Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Test
    void fewbarGivesSixPostsWithTagsDatesAndAbsoluteLinks() {
        Read read = TestFeeds.read(TestFeeds.SHARED.resolve("fewbar.xml"));
        List<Post> posts = read.posts();

        assertThat(read.info().title()).isEqualTo("FewBar.com - Make It Good");
        assertThat(read.info().selfLink()).isEqualTo("http://fewbar.com/feed.xml");
        assertThat(posts).hasSize(6);
        assertThat(posts).extracting(Post::title).containsExactly(
                "OpenStack's nova-compute's border is porous - We need to build a wall",
                "OpenStack needs an Architecture WG - Because we all can't be Gaudi",
                "Open Source People Communicate",
                "Mitaka, you taka, we all taka in Tokyo",
                "One small step for an open source developer, one giant leap for OpenStack kind",
                "The Rocket Ship to Havana - OpenStack Summit Spring 2013");
        assertThat(posts).extracting(p -> p.published().orElseThrow()).containsExactly(
                Instant.parse("2016-12-16T00:00:00Z"),
                Instant.parse("2016-10-30T00:00:00Z"),
                Instant.parse("2016-10-22T00:00:00Z"),
                Instant.parse("2015-11-03T18:52:34Z"),
                Instant.parse("2015-09-21T11:00:24Z"),
                Instant.parse("2013-04-22T21:00:58Z"));
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.url()).startsWith("http://fewbar.com/20").doesNotContain(" ");
            assertThat(URI.create(p.url()).isAbsolute()).isTrue();
            assertThat(p.feedTitle()).isEqualTo("FewBar.com - Make It Good");
            assertThat(p.feedUrl()).isEqualTo("http://fewbar.com/feed.xml");
            assertThat(p.text()).isNotBlank().doesNotContain("<p>", "&lt;", "&amp;");
            assertThat(p.summary().length()).isLessThanOrEqualTo(FeedEntry.SUMMARY_CHARS + 1);
        });
        assertThat(posts.getFirst().url()).isEqualTo("http://fewbar.com/2016/12/mr-nova-build-that-wall/");
        // "OpenStack" repeats "openstack" in another case: the first spelling stands.
        assertThat(posts.getFirst().tags())
                .containsExactly("openstack", "architecture", "nova", "neutron", "cinder", "microservices");
        assertThat(posts.get(3).tags()).containsExactly(
                "Scalability", "openstack", "mitaka", "tokyo", "zookeeper", "consul", "cells", "sushi", "Life");
        assertThat(posts.get(1).text()).contains("Casa Batlló").contains("God’s Architect");
    }

    /** Rome drops an RSS channel's atom:link; it is how RSS feeds name their own address. */
    @Test
    void rssFeedsNameThemselvesWithAnAtomSelfLink() {
        String rss1 = """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                         xmlns:atom="http://www.w3.org/2005/Atom">
                  <channel rdf:about="https://rdf.example/">
                    <title>RDF</title><link>https://rdf.example/</link><description>d</description>
                    <atom:link rel="self" href="https://rdf.example/index.rdf"/>
                  </channel>
                  <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link></item>
                </rdf:RDF>
                """;

        Read read = TestFeeds.read(rss1, URI.create("https://mirror.example/copy.rdf"));

        assertThat(read.info().selfLink()).isEqualTo("https://rdf.example/index.rdf");
        assertThat(read.first().feedUrl()).isEqualTo("https://rdf.example/index.rdf");
    }

    /** Rome's fixtures include module fragments, OPML lists and odd files: each is read or refused, never a crash. */
    @Test
    void everyRomeFixtureIsReadOrRefusedWithAOneLineReason() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TestFeeds.SHARED.resolve("rome-fixtures"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        int read = 0;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                FeedReader.read(in, null, file.toAbsolutePath().toUri(), entry -> entry.toPost());
                read++;
            } catch (FeedReader.FeedError e) {
                assertThat(e.getMessage()).as(file.toString()).isNotBlank().doesNotContain("\n");
            }
        }
        assertThat(read).isGreaterThan(files.size() * 9 / 10);
    }

    @Test
    void anOpmlListIsNotTakenForAFeed() {
        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class,
                () -> TestFeeds.read(TestFeeds.SHARED.resolve("rome-fixtures/rome-opml/opml_2.0.xml")));

        assertThat(e).hasMessage("this is an OPML subscription list, not a feed");
    }
}
