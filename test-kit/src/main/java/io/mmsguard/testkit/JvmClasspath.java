package io.mmsguard.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of this JVM as a list a child JVM can use. Surefire and {@code java -jar} hide the real entries
 * in a jar manifest's {@code Class-Path}; those are expanded, so a child started with the result sees the same
 * classes (e.g. {@code kafka.Kafka} for broker processes).
 */
public final class JvmClasspath {
    private JvmClasspath() {
    }

    public static String current() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
                entries.addAll(manifestClassPath(Paths.get(entry)));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            List<String> expanded = new ArrayList<>();
            for (String ref : classPath.trim().split("\\s+")) {
                URI uri = base.resolve(ref);
                expanded.add("file".equals(uri.getScheme()) ? Paths.get(uri).toString() : ref);
            }
            return expanded;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
