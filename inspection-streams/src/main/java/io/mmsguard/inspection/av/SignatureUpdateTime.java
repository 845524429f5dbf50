package io.mmsguard.inspection.av;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a set of signature files was last updated: the newest modification time among them. freshclam replaces a
 * database file whenever ClamAV publishes a new version (daily several times a day), so the newest file's time is
 * when this directory last received signatures; a day without one means the updates stopped.
 */
public final class SignatureUpdateTime {
    private SignatureUpdateTime() {
    }

    /** The newest modification time of the files {@link SignatureDatabaseLoader#loadDirectory} reads. */
    public static Optional<Instant> newestFile(Path directory) throws IOException {
        Instant newest = null;
        for (Path file : SignatureDatabaseLoader.signatureFiles(directory)) {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (newest == null || modified.isAfter(newest)) {
                newest = modified;
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * The newest modification time of class-path resources, as their URL connection reports it: for a resource in a
     * jar the jar file's, so the bundled test database is as old as the build that packed it.
     */
    public static Optional<Instant> newestResource(String... resourceNames) throws IOException {
        long newest = 0;
        for (String name : resourceNames) {
            URL url = SignatureUpdateTime.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IOException("no such resource: " + name);
            }
            newest = Math.max(newest, url.openConnection().getLastModified());
        }
        return newest > 0 ? Optional.of(Instant.ofEpochMilli(newest)) : Optional.empty();
    }
}
