package blogsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The widget on a blog's page: the page comes from one loopback origin, the widget and the API from the
 * blogsearch server on another, started with that blog's origin in --cors-origin. The same page is also
 * served from a third origin that the server was not told about, as a blog set up by mistake would be.
 */
@ExtendWith(Browser.Installed.class)
class WidgetIT {
    /** The blog post the host page pretends to be (its canonical URL is in the fixture feeds). */
    static final String POST_PATH = "/2024/04/raised-beds/";

    @TempDir
    static Path indexDir;
    static HttpServer blog;
    static HttpServer strangeBlog;
    static TestSite site;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        if (!Browser.installed()) {
            return; // every test is skipped, or fails where the browser is required, saying why
        }
        browser = Browser.start();
        blog = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        strangeBlog = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site = TestSite.start(indexDir, List.of(origin(blog)));
        HttpHandler pages = exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = switch (path) {
                case POST_PATH -> hostPage(site.origin(), exchange.getRequestURI().getQuery())
                        .getBytes(StandardCharsets.UTF_8);
                case "/blog.css" -> HOSTILE_CSS.getBytes(StandardCharsets.UTF_8);
                case "/dark.css" -> "html, body { background: #15171c; }".getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
            exchange.getResponseHeaders().set("Content-Type",
                    path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
        for (HttpServer server : List.of(blog, strangeBlog)) {
            server.createContext("/", pages);
            server.start();
        }
    }

    static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The blog's CSS, which would wreck any widget that shared its styles: big red spaced-out text, no inputs or lists. */
    static final String HOSTILE_CSS = """
            * { color: #c00; font-size: 22px; line-height: 3; letter-spacing: 2px; font-family: serif; }
            input, ul, li, mark { display: none !important; }
            div { border: 4px dotted orange; }
            """;

    /**
     * A blog post with hostile CSS and a strict Content-Security-Policy (no inline styles or scripts; scripts
     * and API calls only from the search server), as a careful blog would have. With {@code ?dark} the page is a
     * dark one and tells the widget so.
     */
    static String hostPage(String searchOrigin, String query) {
        boolean dark = "dark".equals(query);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="color-scheme" content="%2$s">
                  <meta http-equiv="Content-Security-Policy"
                        content="default-src 'none'; style-src 'self'; img-src data:; script-src %1$s; connect-src %1$s">
                  <link rel="icon" href="data:,">
                  <title>Raised beds and tomatoes in spring · Garden Log</title>
                  <link rel="canonical" href="https://garden.example/2024/04/raised-beds/">
                  <link rel="stylesheet" href="/blog.css">%4$s
                </head>
                <body>
                  <header><h1>Garden Log</h1><div data-blogsearch-box data-placeholder="Search the Garden Log"></div></header>
                  <article><h2>Raised beds and tomatoes in spring</h2><p>Raised beds warm up early in spring.</p></article>
                  <aside data-blogsearch-related></aside>
                  <script src="%1$s/widget.js" data-blogsearch="%1$s" data-related data-theme="%3$s"></script>
                </body>
                </html>
                """.formatted(searchOrigin, dark ? "dark" : "light", dark ? "dark" : "auto",
                dark ? "<link rel=\"stylesheet\" href=\"/dark.css\">" : "");
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, blog == null ? null : () -> blog.stop(0),
                strangeBlog == null ? null : () -> strangeBlog.stop(0), site);
    }

    @BeforeEach
    void openTheBlogPost() {
        browser.consoleErrors(); // forget an earlier test's
        browser.driver.get(origin(blog) + POST_PATH);
        browser.await(d -> box().findElements(By.cssSelector("input")).size() == 1);
    }

    SearchContext box() {
        return browser.driver.findElement(By.cssSelector("[data-blogsearch-box] > blogsearch-box")).getShadowRoot();
    }

    WebElement input() {
        return box().findElement(By.cssSelector("input[role=combobox]"));
    }

    List<WebElement> options() {
        return box().findElements(By.cssSelector("[role=option]"));
    }

    @Test
    void typingInTheWidgetShowsMatchingPostsFromTheOtherOriginInItsDropdown() {
        input().sendKeys("tomatoes");
        browser.await(d -> options().size() == 3);

        assertThat(options()).extracting(o -> o.findElement(By.cssSelector(".title")).getText())
                .containsExactlyInAnyOrder("Pruning tomatoes in a small garden", "Raised beds and tomatoes in spring",
                        "Seed saving from heirloom tomatoes");
        assertThat(options().getFirst().findElements(By.cssSelector("mark"))).isNotEmpty();
        assertThat(input().getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(box().findElement(By.cssSelector("a.all")).getDomAttribute("href"))
                .isEqualTo(site.url("/?q=tomatoes"));
        assertThat(browser.consoleErrors()).as("no CORS or script errors").isEmpty();
        browser.screenshot("widget-dropdown");
    }

    @Test
    void arrowKeysMoveThroughTheDropdownAndEscapeClosesIt() {
        input().sendKeys("garden");
        browser.await(d -> options().size() == 5);

        input().sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertThat(input().getDomAttribute("aria-activedescendant")).isEqualTo(options().get(1).getDomAttribute("id"));
        assertThat(options().get(1).getDomAttribute("aria-selected")).isEqualTo("true");

        input().sendKeys(Keys.ESCAPE);
        assertThat(box().findElement(By.cssSelector(".panel")).isDisplayed()).isFalse();
        assertThat(input().getDomProperty("value")).isEqualTo("garden");
    }

    @Test
    void enterOnAHighlightedResultOpensThatPost() {
        input().sendKeys("balcony");
        browser.await(d -> options().size() == 1);

        input().sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        // The browser resolves no outside name, so the post fails to load; the history shows where it went.
        browser.await(d -> browser.currentHistoryUrl().equals("https://garden.example/2022/09/composting-basics/"));
    }

    @Test
    void clickingAResultOpensThatPost() {
        input().sendKeys("balcony");
        browser.await(d -> options().size() == 1);

        options().getFirst().click();
        browser.await(d -> browser.currentHistoryUrl().equals("https://garden.example/2022/09/composting-basics/"));
    }

    @Test
    void aMisspelledQuerySaysWhichWordsTheResultsAreFor() {
        input().sendKeys("sourdogh");
        browser.await(d -> options().size() == 3);

        assertThat(box().findElement(By.cssSelector(".note")).getText()).isEqualTo("Showing results for sourdough");
        browser.screenshot("widget-did-you-mean", false);
    }

    @Test
    void onASiteTheServerDoesNotAllowTheBoxSaysSearchIsNotSetUpAndTheConsoleSaysWhatToAdd() {
        browser.driver.get(origin(strangeBlog) + POST_PATH);
        browser.await(d -> box().findElements(By.cssSelector("input")).size() == 1);
        input().sendKeys("tomatoes");

        WebElement status = box().findElement(By.cssSelector(".status"));
        browser.await(d -> !status.getText().isEmpty());
        assertThat(status.getText()).isEqualTo("Search is not set up for this site.");
        assertThat(browser.consoleErrors()).filteredOn(m -> m.contains("blogsearch widget")).singleElement()
                .asString().contains(site.origin()).contains("--cors-origin " + origin(strangeBlog));
        browser.screenshot("widget-not-set-up", false);
    }

    @Test
    void theHostPagesStylesDoNotReachIntoTheWidget() {
        WebElement input = input();
        assertThat(input.isDisplayed()).isTrue();
        assertThat(input.getDomAttribute("placeholder")).isEqualTo("Search the Garden Log");
        assertThat(input.getCssValue("font-size")).isEqualTo("16px");
        assertThat(input.getCssValue("letter-spacing")).isEqualTo("normal");
        assertThat(input.getCssValue("color")).isNotEqualTo("rgba(204, 0, 0, 1)");
        assertThat(input.getCssValue("border-radius")).as("the widget's own styles apply despite the page's CSP")
                .isEqualTo("10px");

        input.sendKeys("compost");
        browser.await(d -> !options().isEmpty());
        assertThat(options().getFirst().isDisplayed()).isTrue();
        assertThat(options().getFirst().findElement(By.cssSelector("mark")).isDisplayed()).isTrue();
    }

    @Test
    void relatedPostsForThePagesCanonicalUrlAppearInThePlaceholder() {
        SearchContext related = related();

        assertThat(related.findElement(By.cssSelector("h2")).getText()).isEqualTo("Related posts");
        assertThat(related.findElements(By.cssSelector("li a"))).extracting(WebElement::getText)
                .contains("Pruning tomatoes in a small garden")
                .doesNotContain("Raised beds and tomatoes in spring");
    }

    @Test
    void relatedPostsTakeThePagesFontAndKeepEachDateOnItsTitlesLine() {
        SearchContext related = related();
        String pageFont = browser.driver.findElement(By.cssSelector("article p")).getCssValue("font-family");
        WebElement first = related.findElement(By.cssSelector("li"));
        WebElement title = first.findElement(By.cssSelector("a"));
        WebElement date = first.findElement(By.cssSelector(".meta"));

        assertThat(title.getCssValue("font-family")).isEqualTo(pageFont);
        assertThat(date.getRect().getY()).as("the date is on the title's line")
                .isLessThan(title.getRect().getY() + title.getRect().getHeight() / 2);
        assertThat(date.getRect().getX()).isGreaterThan(title.getRect().getX() + title.getRect().getWidth());
        browser.screenshot("widget-related");
    }

    SearchContext related() {
        return browser.await(d -> {
            List<WebElement> hosts = d.findElements(By.cssSelector("[data-blogsearch-related] > blogsearch-related"));
            if (hosts.isEmpty() || !hosts.getFirst().isDisplayed()) {
                return null;
            }
            return hosts.getFirst().getShadowRoot();
        });
    }

    @Test
    void theWidgetWithItsDropdownOpenAndItsRelatedPostsHasNoAccessibilityViolationsInLightOrDark() {
        for (String theme : List.of("light", "dark")) {
            if (theme.equals("dark")) {
                browser.driver.get(origin(blog) + POST_PATH + "?dark");
                browser.await(d -> box().findElements(By.cssSelector(".root[data-theme=dark] input")).size() == 1);
            }
            related();
            input().sendKeys("tomatoes");
            browser.await(d -> options().size() == 3);
            input().sendKeys(Keys.ARROW_DOWN);

            Axe.assertNoViolations(browser, "the widget (" + theme + ")", "blogsearch-box", "blogsearch-related");
        }
    }

    @Test
    void anUntitledPostIsListedByItsFirstWords() {
        input().sendKeys("espresso");
        browser.await(d -> options().size() == 1);

        assertThat(options().getFirst().findElement(By.cssSelector(".title")).getText())
                .isEqualTo(SearchPageIT.UNTITLED_WITH_TEXT);
    }

    @Test
    void aTitleWithAScriptTagIsShownAsTextInTheWidget() {
        input().sendKeys("titles that bite");
        WebElement option = browser.await(d -> options().stream()
                .filter(o -> o.getText().contains("alert(1)")).findFirst().orElse(null));

        assertThat(option.findElement(By.cssSelector(".title")).getText())
                .isEqualTo(SearchPageIT.SCRIPT_TITLE);
        assertThat(box().findElements(By.cssSelector("script, img, b"))).isEmpty();
        assertThat((Boolean) browser.script("return window.__pwnedByBody === undefined")).isTrue();
    }
}
