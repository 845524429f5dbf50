package io.mmsguard.deploy.cli;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Recipient;

/** How {@code archive query} prints a record: one JSON object per line (every field), or a fixed-width table row. */
enum ArchiveFormat {
    JSON {
        @Override
        String header() {
            return null;
        }

        @Override
        String line(ArchiveRecord r) {
            try {
                return MAPPER.writeValueAsString(AvroYaml.toTree(r, r.getSchema(), false));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an archive record tree is plain maps, lists and scalars", e);
            }
        }
    },
    TABLE {
        @Override
        String header() {
            return row("RECEIVED", "IF", "SENDER", "RECIPIENTS", "VERDICT", "REASON", "DETAIL");
        }

        @Override
        String line(ArchiveRecord r) {
            return row(r.getReceivedAt().toString(), r.getMmsInterface().name(), r.getSender(),
                    recipients(r.getRecipients()), r.getVerdict().name(), r.getReason().name(),
                    r.getDetail() == null ? "" : r.getDetail());
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROW = "%-24s %-4s %-18s %-22s %-17s %-15s %s";

    /** The line before the first record, or null. */
    abstract String header();

    abstract String line(ArchiveRecord r);

    private static String row(Object... cells) {
        return String.format(ROW, cells).stripTrailing();
    }

    /** The first recipient and how many more, so that the column keeps its width. */
    private static String recipients(List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            return "-";
        }
        String first = recipients.get(0).getAddress();
        return recipients.size() == 1 ? first : first + " +" + (recipients.size() - 1);
    }
}
