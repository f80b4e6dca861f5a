package blogsearch.web;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The search page as a person sees it: what can be typed and clicked, and what it shows. */
final class SearchPage {
    private final Browser browser;
    private final TestSite site;

    SearchPage(Browser browser, TestSite site) {
        this.browser = browser;
        this.site = site;
    }

    /** Loads the page at {@code pathAndQuery} (like "/?q=garden") and waits for its first results. */
    SearchPage open(String pathAndQuery) {
        browser.consoleErrors(); // forget an earlier test's
        browser.driver.get(site.url(pathAndQuery));
        browser.await(d -> renders() > 0);
        return this;
    }

    /** Types {@code text} into an emptied search box and presses Enter. */
    SearchPage search(String text) {
        return andWait(page -> {
            input().clear();
            input().sendKeys(text + Keys.ENTER);
        });
    }

    /** Does {@code action} and waits for the results it causes to be shown. */
    SearchPage andWait(Consumer<SearchPage> action) {
        int before = renders();
        action.accept(this);
        browser.await(d -> renders() > before && !"loading".equals(results().getDomAttribute("data-state")));
        return this;
    }

    /** Checks or unchecks a value in the sidebar, like ("tag", "tomatoes"). */
    SearchPage toggleFacet(String facet, String value) {
        return andWait(page -> facetCheckbox(facet, value).click());
    }

    WebElement facetCheckbox(String facet, String value) {
        return browser.driver.findElements(By.cssSelector("#facets input[data-facet='" + facet + "']")).stream()
                .filter(c -> value.equals(c.getDomProperty("value")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + facet + " '" + value + "' in the sidebar: " + facet(facet)));
    }

    /** A facet's values and counts as the sidebar shows them, in order. */
    Map<String, Integer> facet(String facet) {
        return browser.driver.findElements(By.cssSelector(".facet[data-facet='" + facet + "'] li")).stream()
                .collect(Collectors.toMap(
                        li -> li.findElement(By.cssSelector(".facet-value")).getText(),
                        li -> Integer.parseInt(li.findElement(By.cssSelector(".facet-count")).getText()),
                        (a, b) -> a, java.util.LinkedHashMap::new));
    }

    WebElement input() {
        return browser.driver.findElement(By.id("q"));
    }

    WebElement results() {
        return browser.driver.findElement(By.id("results"));
    }

    int renders() {
        Object n = browser.script("return document.getElementById('results')?.dataset.renders ?? '0'");
        return Integer.parseInt(String.valueOf(n));
    }

    List<WebElement> hits() {
        return browser.driver.findElements(By.cssSelector("#hits > li.hit"));
    }

    List<String> hitTitles() {
        return hits().stream().map(h -> h.findElement(By.cssSelector(".hit-title")).getText()).toList();
    }

    WebElement hit(String title) {
        return hits().stream()
                .filter(h -> h.findElement(By.cssSelector(".hit-title")).getText().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result titled '" + title + "' among " + hitTitles()));
    }

    String summary() {
        return browser.driver.findElement(By.id("summary")).getText();
    }

    String notices() {
        return browser.driver.findElement(By.id("notices")).getText();
    }

    /** The removable filter chips, as their visible text ("Tag tomatoes ×"). */
    List<String> chips() {
        return browser.driver.findElements(By.cssSelector("#chips .chip")).stream().map(WebElement::getText).toList();
    }

    WebElement suggestions() {
        return browser.driver.findElement(By.id("suggestions"));
    }

    List<WebElement> options() {
        return suggestions().findElements(By.cssSelector("[role=option]"));
    }

    String currentQueryString() {
        String url = browser.driver.getCurrentUrl();
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }
}
