package blogsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * axe-core, the accessibility checker, run in the page under test. Its script comes from the axe-core WebJar on
 * the test class path (never a copy in the repository) and is injected into the page when it is first needed.
 */
final class Axe {
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";
    private static final String SCRIPT = load();

    /**
     * Rules to run on top of axe's defaults. label-content-name-mismatch is still "experimental" in axe, but
     * Lighthouse checks it: a visible label that a voice-control user reads out must be part of the name.
     */
    private static final String OPTIONS = """
            { "resultTypes": ["violations"], "rules": { "label-content-name-mismatch": { "enabled": true } } }""";

    private Axe() {}

    /** A rule broken somewhere: its id, how much it matters, and the elements breaking it (through shadow roots). */
    record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return rule + " (" + impact + ", " + help + "): " + String.join(", ", targets);
        }
    }

    /** The violations of every rule, of any impact, in the elements {@code include} selects (all the page if none). */
    static List<Violation> check(Browser browser, String... include) {
        if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object'"))) {
            browser.script(SCRIPT);
        }
        List<Map<String, Object>> found = browser.asyncScript("""
                const [include, options, done] = arguments;
                const context = include.length ? { include: include.map((s) => [s]) } : document;
                axe.run(context, JSON.parse(options)).then(
                    (r) => done(r.violations.map((v) => ({ rule: v.id, impact: v.impact ?? "", help: v.help,
                        targets: v.nodes.map((n) => JSON.stringify(n.target)) }))),
                    (e) => done([{ rule: "axe-error", impact: "", help: String(e), targets: [] }]));
                """, List.of(include), OPTIONS);
        return found.stream().map(v -> new Violation((String) v.get("rule"), (String) v.get("impact"),
                (String) v.get("help"), castList(v.get("targets")))).toList();
    }

    /** Fails, naming each rule and where it is broken, unless axe finds nothing at all in {@code what}. */
    static void assertNoViolations(Browser browser, String what, String... include) {
        List<Violation> violations = check(browser, include);
        assertThat(violations).as("axe-core violations on %s:%n  %s", what,
                String.join("\n  ", violations.stream().map(Violation::toString).toList())).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object list) {
        return (List<String>) list;
    }

    private static String load() {
        ClassLoader loader = Axe.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream(WEBJAR)) {
            if (pom == null) {
                throw new IllegalStateException("the axe-core WebJar is not on the test class path (" + WEBJAR + ")");
            }
            Properties p = new Properties();
            p.load(pom);
            String path = "META-INF/resources/webjars/axe-core/" + p.getProperty("version") + "/axe.min.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                if (script == null) {
                    throw new IllegalStateException("no " + path + " in the axe-core WebJar");
                }
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
