package blogsearch;

import blogsearch.cli.BlogSearch;

/** Hands control to the command line. */
public final class Main {
    /** Held so the logger, and its level, are not garbage-collected. */
    private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

    private Main() {}

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        // Before any logger exists: the CLI only reports problems; the server also says what it is doing.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", serving ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // Lucene reports how it uses the CPU's vector unit: worth a line in a server log, noise elsewhere.
        LUCENE.setLevel(serving ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
        System.exit(BlogSearch.run(args));
    }
}
