package io.mmsguard.testkit.tshark;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a classic pcap (LINKTYPE_ETHERNET) holding HTTP POST requests, each on its own TCP connection to port
 * 80 and split into segments of at most 1400 octets, so that tshark reassembles and dissects the bodies.
 */
public final class PcapWriter {
    private static final int MSS = 1400;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int seconds = 1_700_000_000;

    public PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(h.array());
    }

    /** One HTTP POST from {@code srcPort} with the PDU as its body. */
    public PcapWriter httpPost(int srcPort, byte[] body) {
        String head = "POST /mms HTTP/1.1\r\nHost: mmsc.example\r\nContent-Type: application/vnd.wap.mms-message\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        msg.writeBytes(body);
        byte[] all = msg.toByteArray();
        long seq = 1000;
        for (int off = 0; off < all.length; off += MSS) {
            int n = Math.min(MSS, all.length - off);
            byte[] payload = new byte[n];
            System.arraycopy(all, off, payload, 0, n);
            packet(srcPort, seq, payload);
            seq += n;
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void packet(int srcPort, long seq, byte[] payload) {
        byte[] src = {10, 0, 0, 1};
        byte[] dst = {10, 0, 0, 2};
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) srcPort).putShort((short) 80).putInt((int) seq).putInt(1)
                .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                .put(payload);
        byte[] t = tcp.array();
        ByteBuffer pseudo = ByteBuffer.allocate(12 + t.length);
        pseudo.put(src).put(dst).put((byte) 0).put((byte) 6).putShort((short) t.length).put(t);
        int tsum = checksum(pseudo.array());
        t[16] = (byte) (tsum >> 8);
        t[17] = (byte) tsum;

        ByteBuffer ip = ByteBuffer.allocate(20 + t.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + t.length)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        byte[] ipb = ip.array();
        int isum = checksum(java.util.Arrays.copyOf(ipb, 20));
        ipb[10] = (byte) (isum >> 8);
        ipb[11] = (byte) isum;
        System.arraycopy(t, 0, ipb, 20, t.length);

        ByteBuffer eth = ByteBuffer.allocate(14 + ipb.length);
        eth.put(new byte[] {0, 1, 2, 3, 4, 5}).put(new byte[] {0, 1, 2, 3, 4, 6}).putShort((short) 0x0800).put(ipb);
        byte[] frame = eth.array();

        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(seconds++).putInt(0).putInt(frame.length).putInt(frame.length);
        out.writeBytes(rec.array());
        out.writeBytes(frame);
    }

    private static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            int hi = b[i] & 0xFF;
            int lo = i + 1 < b.length ? b[i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
