package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A container's {@code .info} member: the header line again, then {@code name:size:sha256} for each signature file
 * of the container, then {@code DSIG:...}, the builder's signature over the lines before it. ClamAV checks every
 * signature file it loads from a container against this list; so do we. The {@code DSIG} line, like the header's
 * digital signature, is checked by freshclam and clamd (with ClamAV's public key), not by us: lines after it are
 * ignored.
 *
 * @param header  the header line of the {@code .info}
 * @param members size and lower-case hex SHA-256 by member name
 */
record ContainerInfo(CvdHeader header, Map<String, Member> members) {
    record Member(long size, String sha256) {
    }

    ContainerInfo {
        members = Map.copyOf(members);
    }

    /**
     * @param maxLineLength the longest line accepted
     * @param maxMembers    the most members it may list (a container cannot hold more)
     */
    static ContainerInfo parse(InputStream in, int maxLineLength, int maxMembers) throws IOException {
        BoundedLineReader lines =
                new BoundedLineReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), maxLineLength);
        CvdHeader header = null;
        Map<String, Member> members = new HashMap<>();
        String line;
        int number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (line == BoundedLineReader.TOO_LONG) {
                throw error(number, "line longer than " + maxLineLength + " characters");
            }
            if (line.isBlank()) {
                continue;
            }
            if (header == null) {
                try {
                    header = CvdHeader.parse(line);
                } catch (SignatureContainerException e) {
                    throw error(number, e.getMessage());
                }
                continue;
            }
            if (line.startsWith("DSIG:")) {
                break;
            }
            String[] f = line.split(":", -1);
            if (f.length != 3) {
                throw error(number, "expected name:size:sha256, got " + f.length + " fields");
            }
            if (f[1].isEmpty() || f[1].length() > 18 || !f[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw error(number, "size is not a decimal number: '" + f[1] + "'");
            }
            String sha = f[2].toLowerCase(Locale.ROOT);
            if (sha.length() != 64 || !sha.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw error(number, "not a SHA-256 in hex: '" + f[2] + "'");
            }
            if (members.put(f[0], new Member(Long.parseLong(f[1]), sha)) != null) {
                throw error(number, "member " + f[0] + " listed twice");
            }
            if (members.size() > maxMembers) {
                throw error(number, "lists more than " + maxMembers + " members (limit)");
            }
        }
        if (header == null) {
            throw new SignatureContainerException(".info: no header line");
        }
        return new ContainerInfo(header, members);
    }

    private static SignatureContainerException error(int line, String message) {
        return new SignatureContainerException(".info line " + line + ": " + message);
    }
}
