package io.mmsguard.deploy.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/** The message content options every {@code send} protocol takes. */
final class ContentOptions {
    @Option(names = "--subject", description = "Subject.")
    String subject;

    @Option(names = "--text", description = "A text/plain (UTF-8) part.")
    String text;

    @Option(names = "--attach", paramLabel = "FILE", description = "Attach this file (at most 16 MiB, the most a gateway inspects).")
    Path attach;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Media type of the --attach file (default: guessed from its extension, else"
                    + " application/octet-stream).")
    String contentType;

    /** @throws IllegalArgumentException when the file cannot be attached */
    Optional<Attachment> attachment() {
        return attach == null ? Optional.empty() : Optional.of(Attachment.read(attach, contentType));
    }

    /** MM1 and MM7 carry parts only: a message without either would be empty. */
    void requireTextOrAttachment() {
        if (text == null && attach == null) {
            throw new IllegalArgumentException("give --text, --attach or both");
        }
    }
}
