package io.mmsguard.gateway;

import java.util.Objects;

/**
 * The MM3 listener (Internet mail towards the MMSC).
 *
 * @param profile          the profile named on every envelope from this listener
 * @param inlineLimitBytes decoded content up to which parts travel inline in the envelope (keep it at or above the
 *                         profiles' oversize limit: a message without inline content is treated as oversize)
 */
public record Mm3Settings(String profile, long inlineLimitBytes) {

    public Mm3Settings {
        Objects.requireNonNull(profile, "profile");
    }
}
