package blogsearch.embed;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ONNX Runtime's native libraries, unpacked once into a cache folder for every later run to load. Left to itself,
 * ONNX Runtime unpacks them (22 MB) into a new temporary folder in every JVM, deleted only when the JVM exits
 * normally: each server killed, or exiting because it ran out of memory, would leave its copy behind.
 */
final class NativeLibraries {
    /** The folder ONNX Runtime loads its libraries from, when set. */
    static final String PATH_PROPERTY = "onnxruntime.native.path";

    private static boolean prepared;

    private NativeLibraries() {}

    /**
     * Points ONNX Runtime at the cached copy of its libraries, unpacking them first if they are not there whole;
     * does nothing (ONNX Runtime then unpacks them itself) if the cache cannot be written or the platform is not
     * one the jar carries. Call before ONNX Runtime is first used.
     */
    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        prepared = true;
        Optional<String> platform = platform();
        Optional<Path> cache = cacheFolder();
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        if (platform.isEmpty() || cache.isEmpty() || version == null) {
            return;
        }
        Path dir = cache.get().resolve("onnxruntime-" + version + "-" + platform.get());
        try {
            for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
                String file = System.mapLibraryName(library).replace(".jnilib", ".dylib");
                URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform.get() + "/" + file);
                if (resource == null) {
                    return;
                }
                unpack(resource, dir.resolve(file));
            }
        } catch (IOException | RuntimeException e) {
            return; // ONNX Runtime unpacks them itself
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
    }

    /** Copies {@code resource} to {@code target} unless a whole copy is there; atomically, for runs started at once. */
    private static void unpack(URL resource, Path target) throws IOException {
        URLConnection c = resource.openConnection();
        long size = c.getContentLengthLong();
        if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = c.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The platform as the jar names its folders (linux-x64, osx-aarch64, ...). */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
                : os.contains("nux") ? "linux" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? Optional.empty() : Optional.of(o + "-" + a);
    }

    /** The user's cache folder for blogsearch: $XDG_CACHE_HOME/blogsearch, else ~/.cache/blogsearch. */
    static Optional<Path> cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "blogsearch"));
        }
        String home = System.getProperty("user.home", "");
        return home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home, ".cache", "blogsearch"));
    }
}
