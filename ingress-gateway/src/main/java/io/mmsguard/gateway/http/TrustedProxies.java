package io.mmsguard.gateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The peers whose subscriber headers the gateway believes: a list of CIDR blocks ({@code 10.1.0.0/16},
 * {@code 192.0.2.7}, {@code fd00::/8}). A handset can put any MSISDN header or cookie on its own request; only the
 * operator's WAP gateway or GGSN proxy in front of the gateway may name the subscriber, so the header counts only
 * when the connection comes from one of these addresses. Empty: no peer is trusted.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;
    private final String text;

    private TrustedProxies(List<Block> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * Comma-separated CIDR blocks or single addresses, literals only (no host names: a name would make trust depend
     * on DNS); blank for none.
     *
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(host, entry);
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + entry + "\": the prefix length is not a number");
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("\"" + entry + "\": prefix length out of range");
                }
            }
            blocks.add(new Block(network, prefix));
        }
        return new TrustedProxies(blocks, list.trim());
    }

    /** 127.0.0.0/8 and ::1: what the embedded mode trusts, where everything runs on one host. */
    public static TrustedProxies loopback() {
        return parse("127.0.0.0/8, ::1/128");
    }

    private static byte[] literal(String host, String entry) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = h.contains(":") && h.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR block");
        }
        try {
            return InetAddress.getByName(h).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR block");
        }
    }

    /** Whether a connection from this address may name the subscriber; false for null (no IP peer). */
    public boolean trusts(InetAddress peer) {
        if (peer == null) {
            return false;
        }
        byte[] address = peer.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : text;
    }
}
