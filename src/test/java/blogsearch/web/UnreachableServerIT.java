package blogsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What a reader sees when the server goes away while the page is open. */
@ExtendWith(Browser.Installed.class)
class UnreachableServerIT {
    @TempDir
    static Path indexDir;
    static TestSite site;
    static Browser browser;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return; // every test is skipped, or fails where the browser is required, saying why
        }
        browser = Browser.start();
        site = TestSite.start(indexDir, List.of());
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, site);
    }

    @Test
    void searchingWhenTheServerIsGoneSaysItCannotBeReachedAndKeepsTheQuery() {
        SearchPage page = new SearchPage(browser, site).open("/?q=garden");
        assertThat(page.hitTitles()).hasSize(5);

        site.stop();
        page.search("compost");

        WebElement alert = browser.await(d -> d.findElement(By.cssSelector("#notices [role=alert]")));
        assertThat(alert.getText()).contains("Can't reach the search server").contains("try again");
        assertThat(alert.findElement(By.tagName("button")).getText()).isEqualTo("Try again");
        assertThat(page.hits()).isEmpty();
        assertThat(browser.driver.findElement(By.id("sort")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("#facets input"))).as("stale counts are gone").isEmpty();
        assertThat(page.results().getDomAttribute("data-state")).isEqualTo("error");
        assertThat(page.input().getDomProperty("value")).isEqualTo("compost");
        assertThat(page.currentQueryString()).isEqualTo("q=compost");
        browser.screenshot("desktop-light-unreachable", false);
    }
}
