package io.mmsguard.inspection.unpack;

import java.util.Objects;

/**
 * One file inside an attachment, at any depth.
 *
 * @param path    where it is, for evidence: {@code a.zip!/dir/b.gz!/b}
 * @param name    its own file name (the last segment of its entry name), what a file filter matches
 * @param depth   1 for a member of the attachment itself, 2 for a member of an archive inside it, ...
 * @param content the inflated bytes
 */
public record UnpackedMember(String path, String name, int depth, byte[] content) {

    public UnpackedMember {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
