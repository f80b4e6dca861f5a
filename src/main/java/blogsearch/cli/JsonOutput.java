package blogsearch.cli;

import blogsearch.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON as the CLI prints it: the shared form of {@link Json}, with every character a terminal could act on
 * written as a \\u escape. JSON escapes only C0 controls; C1 controls (U+009B is an escape sequence to some
 * terminals) and bidirectional overrides would otherwise reach the terminal raw. The parsed value is the same.
 */
final class JsonOutput {
    private static final ObjectWriter LINE = Json.MAPPER.writer().with(new TerminalEscapes());
    private static final ObjectWriter PRETTY = LINE.withDefaultPrettyPrinter();

    private JsonOutput() {}

    /** One line of JSON. */
    static String line(Object value) {
        return write(LINE, value);
    }

    /** Indented JSON, for people. */
    static String pretty(Object value) {
        return write(PRETTY, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class TerminalEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Terminal.unsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
