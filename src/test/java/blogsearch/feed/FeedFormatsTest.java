package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import blogsearch.feed.TestFeeds.Read;
import blogsearch.post.Post;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every feed format Rome knows, from fixtures under src/test/resources/feeds/formats written to each format's
 * specification, and the sample blog the project ships.
 */
class FeedFormatsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            rss-0.90.rdf          | Lantern Notes         | Why the Fresnel lens changed everything | https://lantern.example/notes/fresnel              | -                    | A keeper's logbook from 1881           | https://lantern.example/notes/logbook-1881
            rss-0.91-netscape.xml | Tide Tables Weekly    | Spring tides & the equinox              | https://tides.example/2001/03/spring-tides         | -                    | Reading a harbour chart                | https://tides.example/2001/02/harbour-chart
            rss-0.91-userland.xml | Marginalia            | The reader who argued with Gibbon       | https://marginalia.example/gibbon                  | -                    | Recipes in a hymnal                    | https://marginalia.example/hymnal
            rss-0.92.xml          | Orchard Log           | Grafting a Bramley onto an old stock    | https://orchard.example/log/grafting               | -                    | ""                                     | https://orchard.example/log/press
            rss-0.93.xml          | Signal Box            | Interlocking explained with twelve levers | https://signalbox.example/interlocking           | 2001-04-14T09:30:00Z | Semaphore arms, upper and lower quadrant | https://signalbox.example/semaphore
            rss-0.94.xml          | Kiln Diary            | Ash glaze from apple wood               | https://kiln.example/ash-glaze                     | 2003-06-20T21:15:00Z | Cone packs and why they bend           | https://kiln.example/cones
            rss-1.0.rdf           | Moss & Lichen         | Surveying a churchyard wall             | https://moss.example/2004/05/wall-survey           | 2004-05-16T13:20:00Z | Lichens as a clock                     | https://moss.example/2004/04/lichen-clock
            rss-2.0.xml           | Night Sky Field Notes | Finding the Jewel Box without a chart   | https://nightsky.example/2019/08/jewel-box         | 2019-08-18T01:40:00Z | Dew heaters on a budget                | https://nightsky.example/2019/07/dew-heaters
            atom-0.3.xml          | Bread Journal         | A rye starter that smells of apples     | https://bread.example/2004/11/rye-starter          | 2004-11-07T07:30:00Z | Why my baguettes flattened             | https://bread.example/2004/10/flat-baguettes
            atom-1.0.xml          | Knots & Splices       | The bowline, tied one-handed            | https://knots.example/2021/03/one-handed-bowline   | 2021-03-09T12:45:00Z | Whipping a rope's end                  | https://knots.example/2021/02/whipping
            """)
    void everyFormatGivesBothEntriesInOrderWithTitleLinkAndDate(String name, String feedTitle, String title,
            String link, String date, String secondTitle, String secondLink) {
        Read read = TestFeeds.fixture("formats/" + name);

        assertThat(read.info().title()).isEqualTo(feedTitle);
        assertThat(read.info().entries()).isEqualTo(2);
        assertThat(read.posts()).extracting(Post::title).containsExactly(title, secondTitle);
        assertThat(read.posts()).extracting(Post::url).containsExactly(link, secondLink);
        assertThat(read.posts()).extracting(Post::feedTitle).containsOnly(feedTitle);
        assertThat(read.first().toPost().published()).isEqualTo(Optional.ofNullable(date).map(Instant::parse));
        assertThat(read.entries()).extracting(FeedEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void rss090ItemsHaveATitleAndALinkOnlyAndRelativeLinksFollowTheChannelLink() {
        List<Post> posts = TestFeeds.fixture("formats/rss-0.90.rdf").posts();

        assertThat(posts.get(1).url()).as("'notes/logbook-1881' against https://lantern.example/")
                .isEqualTo("https://lantern.example/notes/logbook-1881");
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.text()).isEmpty();
            assertThat(p.summary()).isEmpty();
            assertThat(p.author()).isEmpty();
            assertThat(p.tags()).isEmpty();
            assertThat(p.published()).isEmpty();
            assertThat(p.updated()).isEmpty();
            assertThat(p.feedUrl()).isEqualTo("https://lantern.example/");
        });
    }

    /** The DOCTYPE names a DTD on a host long gone: it must be neither fetched nor a reason to refuse the feed. */
    @Test
    void netscapeRss091WithItsPublicDoctypeIsReadWithoutTheDtd() throws IOException {
        assertThat(Files.readString(TestFeeds.resource("feeds/formats/rss-0.91-netscape.xml")))
                .contains("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"");

        Read read = TestFeeds.fixture("formats/rss-0.91-netscape.xml");
        Post first = read.first().toPost();

        assertThat(read.info().link()).isEqualTo("https://tides.example/");
        assertThat(first.text()).isEqualTo(
                "Around the equinox the range between high and low water grows to its widest.");
        assertThat(first.summary()).isEqualTo(first.text());
        assertThat(first.language()).isEqualTo("en-gb");
        assertThat(first.published()).isEmpty();
    }

    @Test
    void userlandRss091DescriptionsAreHtmlMadeText() {
        Post first = TestFeeds.fixture("formats/rss-0.91-userland.xml").first().toPost();

        assertThat(first.text()).isEqualTo("Someone filled volume three with pencilled objections, each one signed.");
        assertThat(first.summary()).isEqualTo(first.text());
        assertThat(first.language()).isEqualTo("en-us");
    }

    @Test
    void rss092CategoriesAreTagsAndAnItemMayHaveNoTitle() {
        List<Post> posts = TestFeeds.fixture("formats/rss-0.92.xml").posts();

        assertThat(posts.get(0).tags()).containsExactly("grafting");
        assertThat(posts.get(0).text()).isEqualTo("A whip-and-tongue graft, bound with tape and sealed with wax.")
                .doesNotContain("graft.jpg");
        assertThat(posts.get(1).title()).isEmpty();
        assertThat(posts.get(1).text()).isEqualTo("A short note with no title: the cider press is fixed.");
        assertThat(posts).allSatisfy(p -> assertThat(p.published()).isEmpty());
    }

    @Test
    void rss093And094ItemsCarryDatesInTheirOwnZoneCategoriesAndAnAuthor() {
        List<Post> signals = TestFeeds.fixture("formats/rss-0.93.xml").posts();
        List<Post> kiln = TestFeeds.fixture("formats/rss-0.94.xml").posts();

        assertThat(signals.get(0).tags()).containsExactly("interlocking");
        assertThat(signals.get(0).text()).isEqualTo("Each lever locks the ones that would set up a conflicting route.");
        assertThat(signals.get(1).published()).as("18:00 at +0100").contains(Instant.parse("2001-04-02T17:00:00Z"));
        assertThat(kiln.get(0).tags()).containsExactly("glazes", "wood firing");
        assertThat(kiln.get(0).author()).contains("Ines Calloway");
        assertThat(kiln.get(1).author()).isEmpty();
        assertThat(kiln.get(1).published()).contains(Instant.parse("2003-06-10T08:00:00Z"));
        assertThat(kiln.get(1).text()).startsWith("A cone measures heat work");
    }

    @Test
    void rss10TakesContentEncodedAsTextAndDublinCoreForAuthorDateAndTags() {
        Read read = TestFeeds.fixture("formats/rss-1.0.rdf");
        Post survey = read.posts().get(0);
        Post clock = read.posts().get(1);

        assertThat(survey.text()).isEqualTo("We counted forty species on the churchyard wall. "
                + "The north face, damp and shaded, held three quarters of them.");
        assertThat(survey.summary()).isEqualTo("Forty species on one wall, most of them on the north face.");
        assertThat(survey.author()).isEqualTo("Aled Pryce");
        assertThat(survey.tags()).containsExactly("survey");
        assertThat(survey.language()).isEqualTo("en");
        assertThat(clock.published()).as("a dc:date without a time").contains(Instant.parse("2004-04-02T00:00:00Z"));
        assertThat(clock.text()).isEqualTo("Map lichens grow so slowly that their width dates a gravestone.");
        assertThat(clock.tags()).isEmpty();
    }

    @Test
    void rss20TakesContentEncodedAsTextTheDescriptionAsSummaryAndNamesItsAuthors() {
        Read read = TestFeeds.fixture("formats/rss-2.0.xml");
        Post jewelBox = read.posts().get(0);
        Post dew = read.posts().get(1);

        assertThat(read.info().selfLink()).isEqualTo("https://nightsky.example/feed.xml");
        assertThat(jewelBox.feedUrl()).isEqualTo("https://nightsky.example/feed.xml");
        assertThat(jewelBox.text()).isEqualTo("Start at the Southern Cross and step down from Mimosa. "
                + "Binoculars show a red star among the blue ones & the cluster's name makes sense.");
        assertThat(jewelBox.summary()).isEqualTo("Start at the Southern Cross and step down from Mimosa.");
        assertThat(jewelBox.author()).as("dc:creator").isEqualTo("Priya Raman");
        assertThat(jewelBox.tags()).containsExactly("star clusters", "Crux");
        assertThat(jewelBox.language()).isEqualTo("en-au");
        assertThat(dew.author()).as("<author>").contains("Priya Raman");
        assertThat(dew.text()).isEqualTo("A resistor strip and a USB power bank keep the corrector plate clear all night.");
        assertThat(dew.published()).contains(Instant.parse("2019-07-30T10:05:00Z"));
        assertThat(dew.tags()).containsExactly("equipment");
    }

    @Test
    void atom03EntriesArePublishedWhenIssuedWithEscapedContentAndTheFeedsAuthorAsFallback() {
        List<Post> posts = TestFeeds.fixture("formats/atom-0.3.xml").posts();
        Post starter = posts.get(0);

        assertThat(starter.published()).as("issued, not modified").contains(Instant.parse("2004-11-07T07:30:00Z"));
        assertThat(starter.text()).isEqualTo(
                "On day five the rye starter doubled in six hours and smelled of green apples.");
        assertThat(starter.summary()).isEqualTo("Day five of the rye starter: fruity, sour and doubling in six hours.");
        assertThat(starter.author()).as("the feed's author").isEqualTo("Tomasz Wierzbicki");
        assertThat(posts.get(1).author()).as("the entry's own author").isEqualTo("Ewa Wierzbicka");
        assertThat(posts.get(1).summary()).isEqualTo(posts.get(1).text()).startsWith("Too little tension");
    }

    @Test
    void atom10EntriesGiveContentSummaryCategoriesBothDatesAndTheirAuthor() {
        Read read = TestFeeds.fixture("formats/atom-1.0.xml");
        Post bowline = read.posts().get(0);
        Post whipping = read.posts().get(1);

        assertThat(read.info().selfLink()).isEqualTo("https://knots.example/atom.xml");
        assertThat(bowline.title()).as("an html title loses its markup").isEqualTo("The bowline, tied one-handed");
        assertThat(bowline.text()).isEqualTo(
                "Pass the end around your waist, then roll your wrist through the loop.");
        assertThat(bowline.summary()).isEqualTo("Around your waist, with the other hand holding on.");
        assertThat(bowline.author()).isEqualTo("Marcus Obi");
        assertThat(bowline.tags()).containsExactly("knots", "safety");
        assertThat(bowline.published()).contains(Instant.parse("2021-03-09T12:45:00Z"));
        assertThat(bowline.updated()).contains(Instant.parse("2021-03-09T12:00:00Z"));
        assertThat(bowline.feedUrl()).isEqualTo("https://knots.example/atom.xml");
        assertThat(whipping.author()).as("the feed's author").isEqualTo("Rosa Delgado");
        assertThat(whipping.text()).as("xhtml content").isEqualTo("Twine wound tight stops the strands from unlaying.");
        assertThat(whipping.published()).as("updated alone").contains(Instant.parse("2021-02-14T16:00:00Z"));
        assertThat(whipping.tags()).containsExactly("maintenance");
    }

    @Test
    void theSampleBlogGivesSixPostsWithTagsDatesAndAbsoluteLinks() {
        Read read = TestFeeds.read(TestFeeds.SAMPLE_BLOG);
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

    @Test
    void anOpmlListIsNotTakenForAFeed() {
        for (String list : List.of("opml/subscriptions-1.0.opml", "opml/subscriptions-2.0.opml")) {
            FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> TestFeeds.fixture(list));

            assertThat(e).as(list).hasMessage("this is an OPML subscription list, not a feed");
        }
    }
}
