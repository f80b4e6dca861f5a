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

/** The page's "Match" control in headless Chromium, over the fixture feeds with every post given its vector. */
@ExtendWith(Browser.Installed.class)
class SearchModesPageIT {
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
        site = TestSite.startWithVectors(indexDir);
        page = new SearchPage(browser, site);
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, site);
    }

    private boolean checked(String mode) {
        return browser.driver.findElement(By.id("mode-" + mode)).isSelected();
    }

    @Test
    void theMatchControlChoosesWordsMeaningOrBothAndTheUrlKeepsTheChoice() {
        page.open("/?q=sourdough");
        assertThat(browser.driver.findElement(By.id("mode")).isDisplayed()).isTrue();
        assertThat(checked("hybrid")).isTrue();
        assertThat(page.summary()).as("the three posts with the word and the nearest by meaning").doesNotStartWith("3 ");

        page.andWait(p -> browser.driver.findElement(By.cssSelector("label[for=mode-lexical]")).click());
        assertThat(page.currentQueryString()).isEqualTo("q=sourdough&mode=lexical");
        assertThat(checked("lexical")).isTrue();
        assertThat(page.hitTitles()).containsExactlyInAnyOrder("Sourdough starter at high altitude",
                "Whole wheat sourdough, week two", "Rye bread with a sourdough starter");

        page.andWait(p -> browser.driver.findElement(By.cssSelector("label[for=mode-semantic]")).click());
        assertThat(page.currentQueryString()).isEqualTo("q=sourdough&mode=semantic");
        assertThat(page.hitTitles()).hasSize(10).contains("Rye bread with a sourdough starter");

        page.andWait(p -> browser.driver.navigate().back());
        assertThat(checked("lexical")).as("Back returns to the choice before").isTrue();
        assertThat(page.hitTitles()).hasSize(3);

        page.andWait(p -> browser.driver.findElement(By.cssSelector("label[for=mode-hybrid]")).click());
        assertThat(page.currentQueryString()).as("the default is left out of the URL").isEqualTo("q=sourdough");
    }

    @Test
    void postsRelatedByMeaningSayWhyTheyAreRelated() {
        page.open("/?q=sourdough&mode=lexical");
        WebElement card = page.hit("Sourdough starter at high altitude");
        card.findElement(By.cssSelector("button.more")).click();
        List<WebElement> items = browser.await(d -> {
            List<WebElement> found = card.findElements(By.cssSelector(".related-list li"));
            return found.isEmpty() ? null : found;
        });

        assertThat(items).hasSize(4).allSatisfy(li -> assertThat(
                li.findElements(By.cssSelector(".shared, .related-passage"))).as(li.getText()).hasSize(1));
        assertThat(items.get(0).getText()).as("the nearest bake bread too").contains("Also tagged")
                .contains("baking").contains("bread");
    }
}
