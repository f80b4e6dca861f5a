package blogsearch.web;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** axe-core finds nothing wrong with the search page in any of the states a reader meets, light or dark. */
@ExtendWith(Browser.Installed.class)
class AccessibilityIT {
    @TempDir
    static Path indexDir;
    static TestSite site;
    static Browser browser;
    static SearchPage page;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return; // every test says it is skipped, and why
        }
        browser = Browser.start();
        site = TestSite.start(indexDir, List.of());
        page = new SearchPage(browser, site);
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, site);
    }

    @AfterEach
    void backToALightDesktop() {
        browser.desktop();
        browser.colorScheme("light");
    }

    @Test
    void theLatestPostsPageHasNoViolationsInLightOrDark() {
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            page.open("/");
            Axe.assertNoViolations(browser, "the latest posts (" + scheme + ")");
        }
    }

    @Test
    void aResultPageWithAFilterChipAndRelatedPostsHasNoViolationsInLightOrDark() {
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            page.open("/?q=garden&tag=tomatoes");
            WebElement card = page.hit("Raised beds and tomatoes in spring");
            card.findElement(By.cssSelector("button.more")).click();
            browser.await(d -> !card.findElements(By.cssSelector(".related-list li")).isEmpty());
            Axe.assertNoViolations(browser, "results with a filter and related posts (" + scheme + ")");
        }
    }

    @Test
    void aPageWithNoResultsAndItsPopularTagsHasNoViolations() {
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            page.open("/?q=zeppelin");
            browser.await(d -> !d.findElements(By.cssSelector(".empty-browse button.tag")).isEmpty());
            Axe.assertNoViolations(browser, "no results (" + scheme + ")");
        }
    }

    @Test
    void theNotFoundPageHasNoViolationsInLightOrDark() {
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            browser.driver.get(site.url("/no/such/page"));
            browser.await(d -> !d.findElements(By.cssSelector("h1")).isEmpty());
            Axe.assertNoViolations(browser, "the 404 page (" + scheme + ")");
        }
    }

    @Test
    void theSuggestionsHaveNoViolations() {
        page.open("/");
        page.input().sendKeys("gard");
        browser.await(d -> page.suggestions().isDisplayed() && !page.options().isEmpty());
        Axe.assertNoViolations(browser, "the open suggestions");
    }

    @Test
    void onAPhoneTheOpenFiltersHaveNoViolationsInLightOrDark() {
        browser.phone();
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            page.open("/?q=garden");
            browser.driver.findElement(By.cssSelector("#filters summary")).click();
            browser.await(d -> d.findElement(By.id("facets")).isDisplayed());
            Axe.assertNoViolations(browser, "the open filters on a phone (" + scheme + ")");
        }
    }
}
