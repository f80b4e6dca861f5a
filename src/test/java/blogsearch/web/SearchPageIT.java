package blogsearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The search page in headless Chromium against the real server and a real index of the fixture feeds. */
@ExtendWith(Browser.Installed.class)
class SearchPageIT {
    static final List<String> GARDEN_POSTS = List.of("Watering schedules for a thirsty garden",
            "Composting basics for balcony gardens", "Pruning tomatoes in a small garden",
            "Raised beds and tomatoes in spring", "Seed saving from heirloom tomatoes");
    static final String SCRIPT_TITLE = "<script>alert(1)</script> and other titles that bite";
    /** The fixture's untitled posts, as they are listed: by their first words, and by their date. */
    static final String UNTITLED_WITH_TEXT = "Tried the new espresso grinder this morning: finer than I expected, and…";
    static final String UNTITLED_WITHOUT_TEXT = "Post of 10 August 2019";

    @TempDir
    static Path indexDir;
    static TestSite site;
    static Browser browser;
    static SearchPage page;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return; // every test is skipped, or fails where the browser is required, saying why
        }
        browser = Browser.start();
        site = TestSite.start(indexDir, List.of());
        page = new SearchPage(browser, site);
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, site);
    }

    @Test
    void typingAQueryShowsResultsWithTheMatchesHighlighted() {
        page.open("/").search("sourdough");

        assertThat(page.hitTitles()).containsExactlyInAnyOrder("Sourdough starter at high altitude",
                "Whole wheat sourdough, week two", "Rye bread with a sourdough starter");
        for (WebElement hit : page.hits()) {
            List<WebElement> marks = hit.findElements(By.cssSelector(".hit-snippet mark"));
            assertThat(marks).isNotEmpty();
            assertThat(marks).allSatisfy(m -> assertThat(m.getText()).isEqualToIgnoringCase("sourdough"));
        }
        assertThat(page.summary()).isEqualTo("3 results for “sourdough”");
        assertThat(page.currentQueryString()).isEqualTo("q=sourdough");
        assertThat(browser.driver.getTitle()).isEqualTo("sourdough – blogsearch");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void checkingATagNarrowsTheResultsAndASecondTagWidensThemToAnyOfBoth() {
        page.open("/").search("garden");
        assertThat(page.hitTitles()).containsExactlyInAnyOrderElementsOf(GARDEN_POSTS);
        assertThat(page.facet("year")).containsOnlyKeys("2024", "2023", "2022", "2021", "2020");

        page.toggleFacet("tag", "tomatoes");
        assertThat(page.hitTitles()).containsExactlyInAnyOrder("Pruning tomatoes in a small garden",
                "Raised beds and tomatoes in spring", "Seed saving from heirloom tomatoes");
        assertThat(page.summary()).startsWith("3 results");
        assertThat(page.facet("year")).containsOnlyKeys("2024", "2021", "2020");
        assertThat(page.facet("author")).containsEntry("Mira Okafor", 3);
        assertThat(page.facetCheckbox("tag", "tomatoes").isSelected()).isTrue();
        assertThat(page.chips()).singleElement().asString().contains("tomatoes");
        assertThat(page.currentQueryString()).isEqualTo("q=garden&tag=tomatoes");

        page.toggleFacet("tag", "compost");
        assertThat(page.hitTitles()).hasSize(4).contains("Composting basics for balcony gardens");
        assertThat(page.facet("author")).containsEntry("Mira Okafor", 4);
        assertThat(page.chips()).hasSize(2);
        assertThat(page.currentQueryString()).isEqualTo("q=garden&tag=tomatoes&tag=compost");

        page.andWait(p -> browser.driver.findElement(By.cssSelector("#chips .chip[data-facet=tag]")).click());
        assertThat(page.hitTitles()).containsExactly("Composting basics for balcony gardens");
        assertThat(page.currentQueryString()).isEqualTo("q=garden&tag=compost");
    }

    @Test
    void aTagOnAResultFiltersByThatTag() {
        page.open("/?q=garden");
        page.andWait(p -> page.hit("Raised beds and tomatoes in spring")
                .findElement(By.xpath(".//button[contains(@class,'tag') and normalize-space()='tomatoes']")).click());

        assertThat(page.hitTitles()).hasSize(3);
        assertThat(page.currentQueryString()).isEqualTo("q=garden&tag=tomatoes");
        assertThat(page.hit("Seed saving from heirloom tomatoes")
                .findElement(By.cssSelector("button.tag[aria-pressed=true]")).getText()).isEqualTo("tomatoes");
    }

    @Test
    void moreLikeThisShowsRelatedPostsAndTheWordsTheyShare() {
        page.open("/?q=raised+beds");
        WebElement card = page.hit("Raised beds and tomatoes in spring");
        WebElement more = card.findElement(By.cssSelector("button.more"));
        assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("false");

        more.click();
        WebElement related = browser.await(d -> {
            List<WebElement> items = card.findElements(By.cssSelector(".related-list li"));
            return items.isEmpty() ? null : card.findElement(By.cssSelector(".related"));
        });
        assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(related.findElements(By.cssSelector(".related-title")).stream().map(WebElement::getText))
                .contains("Pruning tomatoes in a small garden", "Seed saving from heirloom tomatoes")
                .doesNotContain("Raised beds and tomatoes in spring");
        WebElement first = related.findElement(By.cssSelector(".related-list li"));
        assertThat(first.findElements(By.cssSelector(".term")).stream().map(WebElement::getText)).contains("tomatoes");

        more.click();
        assertThat(related.isDisplayed()).isFalse();
        assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void aMisspelledQueryShowsResultsForTheCorrectionAndLinksToIt() {
        page.open("/").search("sourdogh");

        assertThat(page.notices()).contains("Showing results for sourdough").contains("sourdogh");
        assertThat(page.hitTitles()).hasSize(3).allSatisfy(t -> assertThat(t.toLowerCase()).contains("sourdough"));

        page.andWait(p -> browser.driver.findElement(By.cssSelector("#notices a[data-did-you-mean]")).click());
        assertThat(page.currentQueryString()).isEqualTo("q=sourdough");
        assertThat(page.input().getDomProperty("value")).isEqualTo("sourdough");
        assertThat(page.notices()).isEmpty();
        assertThat(page.hitTitles()).hasSize(3);
    }

    @Test
    void searchingInsteadForTheWordsAsTypedTurnsTheCorrectionOff() {
        page.open("/").search("sourdogh");
        assertThat(page.notices()).contains("Search instead for");

        page.andWait(p -> browser.driver.findElement(By.cssSelector("#notices a[data-search-instead]")).click());
        assertThat(page.currentQueryString()).isEqualTo("q=sourdogh&spell=off");
        assertThat(page.input().getDomProperty("value")).isEqualTo("sourdogh");
        assertThat(page.notices()).doesNotContain("Showing results for");
        assertThat(page.hitTitles()).isEmpty();

        page.search("garden");
        assertThat(page.currentQueryString()).as("a new query may be corrected again").isEqualTo("q=garden");
    }

    @Test
    void arrowDownAndEnterPickASuggestion() {
        page.open("/");
        page.input().sendKeys("gard");
        browser.await(d -> page.suggestions().isDisplayed() && !page.options().isEmpty());
        assertThat(page.input().getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(page.options().getFirst().getText()).contains("garden").contains("Tag");

        page.input().sendKeys(Keys.ARROW_DOWN);
        WebElement first = page.options().getFirst();
        assertThat(page.input().getDomAttribute("aria-activedescendant")).isEqualTo(first.getDomAttribute("id"));
        assertThat(first.getDomAttribute("aria-selected")).isEqualTo("true");
        page.input().sendKeys(Keys.ARROW_DOWN);
        assertThat(page.input().getDomAttribute("aria-activedescendant")).isEqualTo(page.options().get(1).getDomAttribute("id"));
        page.input().sendKeys(Keys.ARROW_UP);
        assertThat(page.input().getDomAttribute("aria-activedescendant")).isEqualTo(first.getDomAttribute("id"));

        page.andWait(p -> page.input().sendKeys(Keys.ENTER));
        assertThat(page.suggestions().isDisplayed()).isFalse();
        assertThat(page.currentQueryString()).isEqualTo("tag=garden");
        assertThat(page.chips()).singleElement().asString().contains("garden");
        assertThat(page.hitTitles()).containsExactlyInAnyOrderElementsOf(GARDEN_POSTS);
    }

    @Test
    void pickingAPostTitleFromTheSuggestionsOpensThatPost() {
        page.open("/");
        page.input().sendKeys("balcony");
        browser.await(d -> page.suggestions().isDisplayed() && !page.options().isEmpty());
        assertThat(page.options().getFirst().getText()).contains("Composting basics for balcony gardens").contains("Post");

        page.input().sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        // The browser resolves no outside name, so the post fails to load; the history shows where it went.
        browser.await(d -> browser.currentHistoryUrl().equals("https://garden.example/2022/09/composting-basics/"));
    }

    @Test
    void suggestionsMarkWhatWasTypedAndShowTitlesAsText() {
        page.open("/");
        page.input().sendKeys("gard");
        browser.await(d -> page.suggestions().isDisplayed() && !page.options().isEmpty());
        assertThat(page.options().getFirst().findElements(By.tagName("mark"))).extracting(WebElement::getText)
                .containsExactly("gard");

        page.input().clear();
        page.input().sendKeys("bite ale");
        // The list is built anew for each letter typed: read it in one go once it is for the whole text.
        List<String> option = browser.await(d -> browser.<List<String>>script("""
                const label = [...document.querySelectorAll("#suggestions .option-label")]
                    .find((l) => l.textContent.includes("alert(1)"));
                const marks = label ? [...label.querySelectorAll("mark")].map((m) => m.textContent) : [];
                return marks.includes("ale") ? [label.textContent, ...marks] : null"""));
        assertThat(option).containsExactly(SCRIPT_TITLE, "ale", "bite");
        assertThat(page.suggestions().findElements(By.cssSelector("script, b, img"))).isEmpty();
    }

    @Test
    void escapeClosesTheSuggestionsAndKeepsWhatWasTyped() {
        page.open("/");
        page.input().sendKeys("sour");
        browser.await(d -> page.suggestions().isDisplayed());

        page.input().sendKeys(Keys.ESCAPE);
        assertThat(page.suggestions().isDisplayed()).isFalse();
        assertThat(page.input().getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(page.input().getDomProperty("value")).isEqualTo("sour");
    }

    @Test
    void aUrlWithAQueryShowsItsResultsAndBackAndForwardWalkThroughSearches() {
        page.open("/?q=tomatoes");
        assertThat(page.input().getDomProperty("value")).isEqualTo("tomatoes");
        assertThat(page.hitTitles()).hasSize(3);

        page.toggleFacet("tag", "seeds");
        assertThat(page.hitTitles()).containsExactly("Seed saving from heirloom tomatoes");

        page.andWait(p -> browser.driver.navigate().back());
        assertThat(page.currentQueryString()).isEqualTo("q=tomatoes");
        assertThat(page.hitTitles()).hasSize(3);
        assertThat(page.chips()).isEmpty();
        assertThat(page.facetCheckbox("tag", "seeds").isSelected()).isFalse();

        page.andWait(p -> browser.driver.navigate().forward());
        assertThat(page.hitTitles()).containsExactly("Seed saving from heirloom tomatoes");
        assertThat(page.chips()).hasSize(1);
    }

    @Test
    void theLatestPostsArePagedAndThePageIsInTheUrl() {
        page.open("/");
        assertThat(page.summary()).startsWith("Latest posts · 14 posts");
        assertThat(page.hitTitles()).hasSize(10).first().isEqualTo(SCRIPT_TITLE);
        assertThat(browser.driver.findElement(By.cssSelector("input[name=sort][value=newest]")).isSelected()).isTrue();

        page.andWait(p -> browser.driver.findElement(By.cssSelector("#pager a[rel=next]")).click());
        assertThat(page.currentQueryString()).isEqualTo("page=2");
        assertThat(page.hitTitles()).containsExactly("Search relevance for tiny blogs",
                "Seed saving from heirloom tomatoes", UNTITLED_WITH_TEXT, UNTITLED_WITHOUT_TEXT);
        assertThat(browser.driver.findElement(By.cssSelector("#pager [aria-current=page]")).getText()).isEqualTo("2");
    }

    @Test
    void untitledPostsAreListedByTheirFirstWordsOrTheirDateAndLinkToThePost() {
        page.open("/?page=2");

        assertThat(page.hit(UNTITLED_WITH_TEXT).findElement(By.cssSelector(".hit-title a")).getDomAttribute("href"))
                .isEqualTo("https://micro.example/2019/08/12/grinder/");
        assertThat(page.hit(UNTITLED_WITHOUT_TEXT).findElement(By.cssSelector(".hit-title a")).getDomAttribute("href"))
                .isEqualTo("https://micro.example/2019/08/10/harbour/");
        assertThat(browser.<List<String>>script("""
                return [...document.querySelectorAll("#hits a, #hits h2")]
                    .filter((e) => !e.textContent.trim()).map((e) => e.outerHTML)"""))
                .as("empty links or headings").isEmpty();
    }

    @Test
    void resultsArriveWithoutShiftingWhatIsAlreadyOnThePage() {
        try {
            for (String address : List.of("/", "/?q=garden", "/?q=zeppelin", "phone /", "phone /?q=garden")) {
                if (address.startsWith("phone ")) {
                    browser.phone();
                }
                page.open(address.replace("phone ", ""));
                browser.await(d -> !d.findElement(By.id("stats")).getText().isEmpty());
                // Cumulative layout shift as browsers report it (and Lighthouse scores it): good is below 0.1.
                Map<String, Object> shifts = browser.asyncScript("""
                        const done = arguments[0];
                        const report = (entries) => done({
                            total: entries.reduce((sum, e) => sum + e.value, 0),
                            moved: entries.flatMap((e) => e.sources.map((s) => `${s.node?.id || s.node?.className}`
                                + ` from ${s.previousRect.x},${s.previousRect.y}`
                                + ` to ${s.currentRect.x},${s.currentRect.y}`)),
                        });
                        new PerformanceObserver((list, observer) => {
                            observer.disconnect();
                            report(list.getEntries().filter((e) => !e.hadRecentInput));
                        }).observe({ type: "layout-shift", buffered: true });
                        setTimeout(() => report([]), 500); // no shift at all: the observer is never called""");
                assertThat(((Number) shifts.get("total")).doubleValue())
                        .as("layout shift while %s loads: %s", address, shifts.get("moved")).isLessThan(0.02);
            }
        } finally {
            browser.desktop();
        }
    }

    @Test
    void onAPhoneTheFiltersOpenOverTheResultsWithoutPushingThemDown() {
        browser.phone();
        try {
            page.open("/?q=garden");
            WebElement filters = browser.driver.findElement(By.id("filters"));
            assertThat(filters.getDomProperty("open")).isEqualTo("false");
            String firstResultTop = "return document.querySelector('#hits > li').getBoundingClientRect().top";
            double before = browser.<Number>script(firstResultTop).doubleValue();

            filters.findElement(By.tagName("summary")).click();
            browser.await(d -> d.findElement(By.id("facets")).isDisplayed());
            assertThat(browser.<Number>script(firstResultTop).doubleValue()).isEqualTo(before);
            assertThat(browser.<Boolean>script("""
                    const first = document.querySelector("#hits > li");
                    const box = first.getBoundingClientRect();
                    return first.contains(document.elementFromPoint(box.left + 20, box.top + 20))"""))
                    .as("the first result is still in view").isTrue();

            page.toggleFacet("tag", "tomatoes");
            WebElement done = browser.driver.findElement(By.id("filters-done"));
            assertThat(done.getText()).isEqualTo("Show 3 results");
            done.click();
            assertThat(filters.getDomProperty("open")).isEqualTo("false");
            assertThat(page.hitTitles()).hasSize(3);
        } finally {
            browser.desktop();
        }
    }

    @Test
    void aPagePastTheLastResultLinksBackToTheFirst() {
        page.open("/?q=garden&page=3");
        assertThat(page.notices()).contains("There is no page 3");

        page.andWait(p -> browser.driver.findElement(By.linkText("Go to the first page")).click());
        assertThat(page.currentQueryString()).isEqualTo("q=garden");
        assertThat(page.hitTitles()).hasSize(5);
    }

    @Test
    void theMatchControlIsHiddenWhereNoPostHasAVector() {
        page.open("/?q=garden");

        assertThat(browser.driver.findElement(By.id("mode")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("sort")).isDisplayed()).isTrue();
    }

    @Test
    void sortingByNewestPutsTheLatestPostFirst() {
        page.open("/?q=garden");
        page.andWait(p -> browser.driver.findElement(By.cssSelector("label[for=sort-newest]")).click());

        assertThat(page.currentQueryString()).isEqualTo("q=garden&sort=newest");
        assertThat(page.hitTitles()).containsExactly("Raised beds and tomatoes in spring",
                "Watering schedules for a thirsty garden", "Composting basics for balcony gardens",
                "Pruning tomatoes in a small garden", "Seed saving from heirloom tomatoes");
    }

    @Test
    void aTitleWithAScriptTagIsShownAsTextAndNothingInAPostRuns() {
        page.open("/").search("titles that bite bold");

        WebElement hit = page.hit(SCRIPT_TITLE);
        assertThat(hit.findElement(By.cssSelector(".hit-title")).getText()).isEqualTo(SCRIPT_TITLE);
        assertThat(hit.findElement(By.cssSelector(".hit-snippet")).getText()).contains("the tag <b>bold</b> as text");
        assertThat(browser.driver.findElements(By.cssSelector("#hits script, #hits img, #hits b, #hits iframe"))).isEmpty();
        assertThat(hit.findElements(By.cssSelector(".hit-title mark"))).extracting(WebElement::getText)
                .containsExactly("titles", "bite");
        assertThat((Boolean) browser.script("return window.__pwnedByBody === undefined")).isTrue();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void whenNoPostHasEveryWordThePageSaysItShowsPostsWithMostOfThem() {
        page.open("/").search("garden zeppelin");

        assertThat(page.notices()).contains("No post has all of your words");
        assertThat(page.hitTitles()).containsExactlyInAnyOrderElementsOf(GARDEN_POSTS);
    }

    @Test
    void aQueryThatMatchesNothingSaysSoAndOffersTags() {
        page.open("/").search("zeppelin");

        assertThat(page.hits()).isEmpty();
        assertThat(page.notices()).contains("No posts match “zeppelin”").contains("Check the spelling");
        page.andWait(p -> browser.driver.findElement(By.cssSelector(".empty-browse button.tag")).click());
        assertThat(page.hits()).isNotEmpty();
        assertThat(page.currentQueryString()).startsWith("tag=");
    }

    @Test
    void aQueryThatMatchesNothingOffersPopularTagsEvenWhenTheStatisticsAnswerLast() {
        String slowStats = browser.delayFetches("api/stats", 500);
        try {
            page.open("/?q=zeppelin");

            assertThat(page.notices()).contains("Or browse a popular tag").contains("garden");
            assertThat(browser.driver.findElements(By.cssSelector(".empty-browse button.tag"))).hasSize(8);
        } finally {
            browser.forget(slowStats);
        }
    }

    @Test
    void anErrorAnswerFromTheServerIsShownWithItsMessage() {
        page.open("/?q=" + "a+".repeat(8_193)); // 16 KB and two bytes

        WebElement alert = browser.await(d -> d.findElement(By.cssSelector("#notices [role=alert]")));
        assertThat(alert.getText()).contains("That query can't be searched").contains("the limit is 16,384");
        assertThat(alert.findElement(By.tagName("button")).getText()).isEqualTo("Try again");
    }

    @Test
    void theKeyboardAloneCanSearchAndFilter() {
        page.open("/");
        browser.driver.findElement(By.tagName("body")).sendKeys("/");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(page.input());

        page.andWait(p -> page.input().sendKeys("garden" + Keys.ENTER));
        // Tab from the box reaches the Search button, then the sidebar's first tag.
        page.input().sendKeys(Keys.TAB);
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getDomAttribute("data-facet")).isEqualTo("tag");
        page.andWait(p -> focused.sendKeys(Keys.SPACE));
        assertThat(page.chips()).hasSize(1);
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("data-facet"))
                .as("focus stays on the checkbox after the sidebar is rebuilt").isEqualTo("tag");
    }
}
