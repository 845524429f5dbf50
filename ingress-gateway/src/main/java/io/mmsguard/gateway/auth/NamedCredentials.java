package io.mmsguard.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.mmsguard.service.Settings;

/**
 * The one grammar of the gateway's named credentials (MM7 VASPs, MM3 SMTP AUTH users): under a prefix,
 * {@code <prefix><name>} or {@code <prefix><name>.password} is the password, {@code <prefix><name>.password-file} a
 * file holding it (a mounted Secret), and any further attribute the caller allows (a VASP's {@code certificate}).
 * Every password must pass {@link PasswordPolicy}; a value that looks like a reference ({@code env:...},
 * {@code file:...}) is refused rather than taken as the password itself. A name has no dot.
 */
public final class NamedCredentials {
    public static final String PASSWORD = "password";
    public static final String PASSWORD_FILE = "password-file";
    private static final int MAX_PASSWORD_FILE_BYTES = 4096;

    /** One name's password (if any) and its other attributes. */
    public record Entry(String name, Optional<String> password, Map<String, String> attributes) {
        public Entry {
            attributes = Map.copyOf(attributes);
        }

        @Override
        public String toString() { // never the password
            return "Entry[" + name + (password.isPresent() ? ", password" : "") + ", " + attributes.keySet() + "]";
        }
    }

    private NamedCredentials() {
    }

    /**
     * @param what   how the log and errors name one entry, e.g. "VASP" or "SMTP user"
     * @param others the attributes allowed besides the password's
     * @throws io.mmsguard.service.ConfigException naming the key: an unknown attribute, a password set twice, a
     *                                             password the policy refuses, an unreadable file
     */
    public static Map<String, Entry> read(Settings s, String prefix, String what, Set<String> others) {
        Map<String, String> entries = s.under(prefix);
        Map<String, Map<String, String>> byName = new TreeMap<>();
        Set<String> allowed = new HashSet<>(others);
        allowed.add(PASSWORD);
        allowed.add(PASSWORD_FILE);
        entries.forEach((entry, value) -> {
            int dot = entry.indexOf('.');
            String name = dot < 0 ? entry : entry.substring(0, dot);
            String attribute = dot < 0 ? PASSWORD : entry.substring(dot + 1);
            if (!allowed.contains(attribute)) {
                throw s.invalid(prefix + entry, "unknown; a " + what + " takes " + prefix + "<name>.password, "
                        + ".password-file" + others.stream().sorted().map(o -> ", ." + o).reduce("", String::concat)
                        + " (a name has no dot)");
            }
            if (name.isEmpty()) {
                throw s.invalid(prefix + entry, "the name is empty");
            }
            String previous = byName.computeIfAbsent(name, k -> new TreeMap<>()).put(attribute, entry);
            if (previous != null) {
                throw s.invalid(prefix + entry, "the password of " + what + " " + name + " is also set by " + prefix
                        + previous + ": keep one (" + prefix + "<name>.password is the same as " + prefix + "<name>)");
            }
        });
        Map<String, Entry> result = new TreeMap<>();
        byName.forEach((name, keys) -> {
            String passwordKey = keys.remove(PASSWORD);
            String fileKey = keys.remove(PASSWORD_FILE);
            if (passwordKey != null && fileKey != null) {
                throw s.invalid(prefix + fileKey, what + " " + name + " has a password already (" + prefix
                        + passwordKey + "): keep one");
            }
            Optional<String> password = Optional.empty();
            if (passwordKey != null) {
                password = Optional.of(checked(s, prefix + passwordKey, entries.get(passwordKey), what, name, prefix));
            } else if (fileKey != null) {
                password = Optional.of(checked(s, prefix + fileKey, readFile(s, prefix + fileKey, entries.get(fileKey)),
                        what, name, prefix));
            }
            Map<String, String> attributes = new TreeMap<>();
            keys.forEach((attribute, entry) -> attributes.put(attribute, entries.get(entry)));
            result.put(name, new Entry(name, password, attributes));
        });
        return result;
    }

    private static String checked(Settings s, String key, String password, String what, String name,
                                  String prefix) {
        if (password.startsWith("env:") || password.startsWith("file:")) {
            throw s.invalid(key, "looks like a reference, not a password: put the password in "
                    + Settings.envName(key) + ", or its file's path in " + prefix + name + ".password-file");
        }
        PasswordPolicy.problem(password).ifPresent(problem -> {
            throw s.invalid(key, "the password of " + what + " " + name + " " + problem + " (at least "
                    + PasswordPolicy.MIN_LENGTH + " characters, no placeholder); set it in the file, in "
                    + Settings.envName(key) + " or in a file named by " + prefix + "<name>.password-file");
        });
        return password;
    }

    /** The file's content without its trailing line break. */
    private static String readFile(Settings s, String key, String file) {
        try {
            Path path = Path.of(file.trim());
            if (Files.size(path) > MAX_PASSWORD_FILE_BYTES) {
                throw s.invalid(key, path + " is larger than " + MAX_PASSWORD_FILE_BYTES + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8).replaceAll("\\R+\\z", "");
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.mmsguard.service.ConfigException c) {
                throw c;
            }
            throw s.invalid(key, "cannot read " + file + ": " + e);
        }
    }
}
