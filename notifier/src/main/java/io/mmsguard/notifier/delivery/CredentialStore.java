package io.mmsguard.notifier.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a delivery's {@code credentialsRef} (a name, never the secret: every service reads mms.profiles) to
 * {@code user:password}. Looked up, in order:
 * <ol>
 *   <li>the environment variable {@code MMSGUARD_SECRET_<NAME>}, the name upper-cased with every character other
 *       than A-Z and 0-9 replaced by '_' (e.g. {@code mmsc-admin} reads {@code MMSGUARD_SECRET_MMSC_ADMIN});</li>
 *   <li>the file {@code <secrets dir>/<name>} (a Kubernetes Secret mounted as a volume has one file per key); it is
 *       read on every look-up, so a rotated secret applies to the next notice.</li>
 * </ol>
 * A name must be 1-128 characters of letters, digits, '.', '_' and '-', not starting with '.', so that it cannot
 * leave the secrets directory. A value without a colon, an unreadable or oversized file, and an unknown name give
 * no credentials (logged); the MMSC then answers as it does to an anonymous client.
 */
public final class CredentialStore implements Function<String, Optional<String>> {
    public static final String ENV_PREFIX = "MMSGUARD_SECRET_";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final int MAX_BYTES = 4096;

    private final Path dir;
    private final Map<String, String> env;

    /** @param dir the secrets directory, or null for the environment only */
    public CredentialStore(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = Map.copyOf(env);
    }

    /** No credentials for any name. */
    public static CredentialStore none() {
        return new CredentialStore(null, Map.of());
    }

    @Override
    public Optional<String> apply(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        if (!NAME.matcher(ref).matches()) {
            LOG.warn("credentialsRef \"{}\" is not a valid secret name; no credentials sent", printable(ref));
            return Optional.empty();
        }
        String value = env.get(envName(ref));
        if (value == null && dir != null) {
            value = read(dir.resolve(ref));
        }
        if (value == null) {
            LOG.warn("secret {} not found (environment {} or {}); no credentials sent", ref, envName(ref),
                    dir == null ? "no secrets directory" : dir.resolve(ref));
            return Optional.empty();
        }
        String v = value.strip();
        if (!v.contains(":")) {
            LOG.warn("secret {} is not user:password; no credentials sent", ref);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    static String envName(String ref) {
        return ENV_PREFIX + ref.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                LOG.warn("secret file {} is larger than {} bytes; ignored", file, MAX_BYTES);
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("secret file {} unreadable: {}", file, e.toString());
            return null;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
