package io.mmsguard.deploy.cli;

import java.util.Map;
import java.util.Optional;

/**
 * Who applies a change, for its audit stamp: {@code --author}, else the environment's {@value #ENV}, else the OS
 * user. {@code source} says which, so that the operator sees what was recorded.
 */
public record Author(String name, String source) {
    static final String ENV = "MMSGUARD_AUTHOR";

    static Author resolve(Optional<String> option, Map<String, String> env, String osUser) {
        if (option.isPresent() && !option.get().isBlank()) {
            return new Author(option.get().strip(), "--author");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Author(fromEnv.strip(), ENV);
        }
        if (osUser != null && !osUser.isBlank()) {
            return new Author(osUser, "the OS user");
        }
        return new Author("unknown", "no --author, " + ENV + " or OS user");
    }

    static Author resolve(Optional<String> option) {
        return resolve(option, System.getenv(), System.getProperty("user.name"));
    }

    public String describe() {
        return "author: " + name + " (from " + source + ")";
    }
}
