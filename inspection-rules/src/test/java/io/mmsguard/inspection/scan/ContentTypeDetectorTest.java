package io.mmsguard.inspection.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.scan.ContentTypeDetector.Family;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Magic numbers written by hand (and by the JDK's zip/gzip writers and real system binaries), never by our code. */
class ContentTypeDetectorTest {

    private final ContentTypeDetector detector = new ContentTypeDetector();

    private Optional<String> type(byte[] content) {
        return detector.detect(content).map(ContentTypeDetector.Detected::mediaType);
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length + 16];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void executables() throws Exception {
        assertThat(type(ascii("MZ\u0090\u0000\u0003\u0000\u0000\u0000PE"))).hasValue(ContentTypeDetector.PE);
        assertThat(type(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1))).hasValue(ContentTypeDetector.ELF);
        assertThat(type(bytes(0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1))).hasValue(ContentTypeDetector.MACH_O);
        assertThat(type(bytes(0xFE, 0xED, 0xFA, 0xCE))).hasValue(ContentTypeDetector.MACH_O);
        assertThat(type(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2))).as("universal binary, 2 architectures")
                .hasValue(ContentTypeDetector.MACH_O);
        assertThat(type(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61))).as("class file, Java 17")
                .hasValue(ContentTypeDetector.JAVA_CLASS);
        assertThat(type(ascii("#!/bin/sh\nrm -rf ~\n"))).hasValue(ContentTypeDetector.SCRIPT);
        Path sh = Path.of("/bin/sh").toRealPath();
        assertThat(type(Files.readAllBytes(sh))).as("a real ELF binary").hasValue(ContentTypeDetector.ELF);
        assertThat(detector.detect(ascii("MZ..")).map(ContentTypeDetector.Detected::family)).hasValue(Family.EXECUTABLE);
    }

    @Test
    void archivesAndTheZipBasedFormats() throws Exception {
        assertThat(type(zip("notes.txt"))).hasValue(ContentTypeDetector.ZIP);
        assertThat(type(zip("META-INF/MANIFEST.MF"))).hasValue(ContentTypeDetector.JAR);
        assertThat(type(zip("AndroidManifest.xml", "classes.dex"))).hasValue(ContentTypeDetector.APK);
        assertThat(type(zip("[Content_Types].xml", "word/document.xml"))).hasValue(ContentTypeDetector.DOCX);
        assertThat(type(zip("[Content_Types].xml", "xl/workbook.xml"))).hasValue(ContentTypeDetector.XLSX);
        assertThat(type(zip("[Content_Types].xml", "ppt/presentation.xml"))).hasValue(ContentTypeDetector.PPTX);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ascii("hello"));
        }
        assertThat(type(gz.toByteArray())).hasValue(ContentTypeDetector.GZIP);
        assertThat(type(bytes('R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00))).hasValue(ContentTypeDetector.RAR);
        assertThat(type(bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C))).hasValue(ContentTypeDetector.SEVEN_Z);
    }

    @Test
    void imagesAndDocuments() {
        assertThat(type(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'))).hasValue(ContentTypeDetector.JPEG);
        assertThat(type(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).hasValue(ContentTypeDetector.PNG);
        assertThat(type(ascii("GIF89a\u0001\u0000"))).hasValue(ContentTypeDetector.GIF);
        assertThat(type(ascii("GIF87a\u0001\u0000"))).hasValue(ContentTypeDetector.GIF);
        assertThat(type(ascii("%PDF-1.7\n"))).hasValue(ContentTypeDetector.PDF);
        assertThat(type(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1))).hasValue(ContentTypeDetector.OLE);
    }

    @Test
    void textAndUnknownContentAndTinyPartsAreNotDetected() {
        assertThat(type(ascii("hello, see you at noon"))).isEmpty();
        assertThat(type(ascii("M"))).isEmpty();
        assertThat(type(new byte[0])).isEmpty();
        assertThat(type(null)).isEmpty();
        assertThat(type(ascii("GIF-not-really"))).isEmpty();
        assertThat(type(ascii("PKZIP is a program"))).isEmpty();
    }

    private static byte[] zip(String... names) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String n : names) {
                zip.putNextEntry(new ZipEntry(n));
                zip.write(ascii("x"));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
