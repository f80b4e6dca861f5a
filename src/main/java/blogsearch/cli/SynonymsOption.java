package blogsearch.cli;

import blogsearch.search.Synonyms;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --synonyms option of the commands that search. */
final class SynonymsOption {
    @Option(names = "--synonyms", paramLabel = "FILE",
            description = "Words searched as alike, in Solr's synonyms format ('k8s, kubernetes' or 'js => javascript', "
                    + "one rule a line); applied to queries, so changing them needs no re-indexing.")
    Path file;

    /** The rules in the file, or none; a file that cannot be read is bad input. */
    Synonyms load() {
        return file == null ? Synonyms.NONE : Synonyms.load(file);
    }
}
