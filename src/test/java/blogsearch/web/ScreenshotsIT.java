package blogsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The page at desktop and phone widths, light and dark, saved to target/screenshots/ for people to look at;
 * what can be checked by a machine (nothing wider than a phone, the dark theme applied) is asserted.
 */
@ExtendWith(Browser.Installed.class)
class ScreenshotsIT {
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

    @AfterEach
    void backToALightDesktop() {
        browser.desktop();
        browser.colorScheme("light");
    }

    /** Results for "garden" with a tag chosen and one result's related posts open: most of the page at once. */
    private void showABusyResultPage() {
        page.open("/?q=garden&tag=tomatoes&tag=compost");
        WebElement card = page.hit("Raised beds and tomatoes in spring");
        card.findElement(By.cssSelector("button.more")).click();
        browser.await(d -> !card.findElements(By.cssSelector(".related-list li")).isEmpty());
    }

    @Test
    void desktopScreenshotsInLightAndDark() throws IOException {
        browser.colorScheme("light");
        showABusyResultPage();
        assertThat(Files.size(browser.screenshot("desktop-light"))).isPositive();
        String lightBackground = browser.driver.findElement(By.tagName("body")).getCssValue("background-color");

        browser.colorScheme("dark");
        showABusyResultPage();
        assertThat(Files.size(browser.screenshot("desktop-dark"))).isPositive();
        assertThat(browser.driver.findElement(By.tagName("body")).getCssValue("background-color"))
                .isNotEqualTo(lightBackground);

        page.open("/");
        browser.screenshot("desktop-dark-latest");
        browser.colorScheme("light");
        page.open("/?q=sourdogh");
        browser.screenshot("desktop-light-did-you-mean");
        page.search("zeppelin");
        browser.screenshot("desktop-light-empty");

        page.input().clear();
        page.input().sendKeys("gar");
        browser.await(d -> page.suggestions().isDisplayed());
        page.input().sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        browser.screenshot("desktop-light-suggestions", false);
    }

    @Test
    void onAPhoneNothingIsWiderThanTheScreen() {
        browser.phone();
        // A tag of one long word, on a result card and among the popular tags of a page without results.
        for (String address : List.of("/?q=espresso", "/?q=zeppelin")) {
            page.open(address);
            browser.await(d -> !d.findElements(By.cssSelector("button.tag")).isEmpty());
            long overflow = browser.<Number>script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth").longValue();
            assertThat(overflow).as("horizontal overflow in px (%s)", address).isZero();
        }
        browser.screenshot("phone-light-empty", false);
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            showABusyResultPage();
            long overflow = browser.<Number>script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth").longValue();
            assertThat(overflow).as("horizontal overflow in px (%s)", scheme).isZero();
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("phone-" + scheme, false);
            browser.screenshot("phone-" + scheme + "-whole-page");
        }
        WebElement filters = browser.driver.findElement(By.id("filters"));
        assertThat(filters.getDomProperty("open")).as("filters start folded on a phone").isEqualTo("false");
        filters.findElement(By.tagName("summary")).click();
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("phone-dark-filters", false);
    }
}
