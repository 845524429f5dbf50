package io.mmsguard.deploy.manifests;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The string constants (CONSTANT_Utf8 entries) of a class file on the class path, read without loading the class,
 * for classes compiled for a later Java than this JVM (JVMS 4.4).
 */
final class ClassFileStrings {
    private ClassFileStrings() {
    }

    static List<String> of(String resource) throws IOException {
        try (InputStream raw = ClassFileStrings.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException(resource + " is not on the class path");
            }
            DataInputStream in = new DataInputStream(raw);
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(resource + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            List<String> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // a long or double takes two entries
                    }
                    default -> throw new IOException(resource + ": unknown constant tag " + tag + " at " + i);
                }
            }
            return strings;
        }
    }
}
