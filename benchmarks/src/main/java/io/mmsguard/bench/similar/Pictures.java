package io.mmsguard.bench.similar;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Synthetic pictures for the similar-content corpus: a random composition (gradient background, shapes, strokes), and
 * copies of it as a campaign sends them: scaled to another size, cropped a little at each edge, re-encoded as JPEG at
 * another quality, or as PNG or GIF. Deterministic for a given random source. Drawn without fonts (a headless JDK may
 * have none).
 */
public final class Pictures {

    /** An encoded picture with the media type it is labelled with. */
    public record Encoded(String mediaType, byte[] bytes) {
    }

    private Pictures() {
    }

    public static BufferedImage composition(SplittableRandom random) {
        int width = 240 + random.nextInt(240);
        int height = 180 + random.nextInt(200);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, color(random), random.nextInt(width), height, color(random)));
        g.fillRect(0, 0, width, height);
        int shapes = 4 + random.nextInt(9);
        for (int s = 0; s < shapes; s++) {
            g.setColor(color(random));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int w = 10 + random.nextInt(width / 2);
            int h = 10 + random.nextInt(height / 2);
            switch (random.nextInt(4)) {
                case 0 -> g.fillRect(x - w / 2, y - h / 2, w, h);
                case 1 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                case 2 -> g.fillPolygon(new int[] {x, x + w, x - w / 2}, new int[] {y - h, y + h / 2, y + h}, 3);
                default -> {
                    g.setStroke(new BasicStroke(2 + random.nextInt(10)));
                    g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
                }
            }
        }
        g.dispose();
        return image;
    }

    /** A copy as a campaign's next message carries it: up to {@code maxCrop} cut from each edge, scaled 0.5-1.3×. */
    public static Encoded copy(BufferedImage base, SplittableRandom random, double maxCrop) {
        int w = base.getWidth();
        int h = base.getHeight();
        int left = (int) (w * maxCrop * random.nextDouble());
        int right = (int) (w * maxCrop * random.nextDouble());
        int top = (int) (h * maxCrop * random.nextDouble());
        int bottom = (int) (h * maxCrop * random.nextDouble());
        BufferedImage cropped = base.getSubimage(left, top, w - left - right, h - top - bottom);
        double scale = 0.5 + 0.8 * random.nextDouble();
        BufferedImage scaled = scaled(cropped, (int) (cropped.getWidth() * scale), (int) (cropped.getHeight() * scale));
        int format = random.nextInt(10);
        if (format < 7) {
            return new Encoded("image/jpeg", jpeg(scaled, 0.4f + 0.55f * (float) random.nextDouble()));
        }
        return format < 9 ? new Encoded("image/png", encode(scaled, "png")) : new Encoded("image/gif", encode(scaled, "gif"));
    }

    public static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    public static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                ImageIO.write(image, format, out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Color color(SplittableRandom random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
