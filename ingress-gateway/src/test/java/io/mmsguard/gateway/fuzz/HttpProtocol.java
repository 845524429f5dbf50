package io.mmsguard.gateway.fuzz;

import java.util.List;
import java.util.Locale;

/** HTTP/1.1 responses as the client reads them: status line, headers, a body by length, chunks or to the close. */
final class HttpProtocol implements Protocol {
    /** What Netty's decoder and aggregator answer before any handler sees the request. */
    private static final List<Integer> CODEC_REFUSALS = List.of(400, 413, 414, 431);

    @Override
    public void open(Wire wire) {
    }

    @Override
    public Integer answer(Wire wire) throws Wire.Hang {
        while (true) {
            String status = wire.line();
            if (status == null) {
                return null;
            }
            if (status.isEmpty()) {
                continue;
            }
            String[] parts = status.split(" ", 3);
            int code;
            try {
                code = Integer.parseInt(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                throw new IllegalStateException("not an HTTP status line from the gateway: " + status);
            }
            long length = -1;
            boolean chunked = false;
            String line;
            while ((line = wire.line()) != null && !line.isEmpty()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (code / 100 == 1) {
                continue; // 100 Continue: the answer follows
            }
            if (chunked) {
                String size;
                while ((size = wire.line()) != null) {
                    long n = Long.parseLong(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while ((line = wire.line()) != null && !line.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    wire.skip(n + 2);
                }
            } else if (length >= 0) {
                wire.skip(length);
            } else {
                wire.drain();
            }
            return code;
        }
    }

    @Override
    public void finish(Wire wire, int expectedAnswers, List<Integer> answers) throws Wire.Hang {
        while (answers.size() < expectedAnswers) {
            Integer code = answer(wire);
            if (code == null) {
                return;
            }
            answers.add(code);
        }
    }

    @Override
    public boolean refusedAtFirstBytes(List<Integer> answers) {
        return answers.isEmpty() || CODEC_REFUSALS.contains(answers.get(0));
    }
}
