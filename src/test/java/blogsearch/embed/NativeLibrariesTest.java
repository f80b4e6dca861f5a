package blogsearch.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {
    @Test
    void onnxRuntimeLoadsItsLibrariesFromOneCopyInTheCacheFolder() throws Exception {
        try (Embedder embedder = Embedder.open(Model.BGE_SMALL_EN_V15_Q)) {
            assertThat(embedder.query("cached native libraries")).hasSize(embedder.dimensions());
        }
        String path = System.getProperty(NativeLibraries.PATH_PROPERTY);
        assertThat(path).as("set before ONNX Runtime loaded").isNotNull();
        Path dir = Path.of(path);
        assertThat(dir).startsWith(NativeLibraries.cacheFolder().orElseThrow());
        String platform = NativeLibraries.platform().orElseThrow();
        for (String library : new String[] {"onnxruntime", "onnxruntime4j_jni"}) {
            String file = System.mapLibraryName(library);
            long size;
            try (var in = NativeLibraries.class.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + file)) {
                size = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(Files.size(dir.resolve(file))).as(file + ", whole").isEqualTo(size);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial copies left").allMatch(f -> !f.toString().endsWith(".part"));
        }
    }
}
