package io.mmsguard.inspection.similar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The luminance of an image (JPEG, PNG or GIF, first frame) reduced to a {@value #SIZE} × {@value #SIZE} grid of cell
 * averages, decoded within limits: the dimensions are read from the header and checked before any pixel is decoded,
 * and a large image is decoded subsampled (about {@value #DECODED_SIDE} pixels on its short side), so the pixels held
 * stay small whatever the picture. Streams are in memory (ImageIO's default may cache to a temporary file).
 */
final class ImageLuma {

    static final int SIZE = 32;
    private static final int DECODED_SIDE = 128;

    private final long maxPixels;
    private final int minSide;

    ImageLuma(long maxPixels, int minSide) {
        this.maxPixels = maxPixels;
        this.minSide = minSide;
    }

    /** @return the grid, or empty when the image is too small, too large, or cannot be decoded by {@code mediaType}'s reader */
    Optional<double[][]> of(byte[] bytes, String mediaType) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < minSide || height < minSide || (long) width * height > maxPixels) {
                    return Optional.empty();
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Per axis: a step from the short side alone would decode a 1,250,000 x 32 PNG (a few hundred kB of
                // one colour) in full, 160 MB of pixels; the grid only needs about DECODED_SIDE samples each way.
                param.setSourceSubsampling(Math.max(1, width / DECODED_SIDE), Math.max(1, height / DECODED_SIDE), 0, 0);
                return Optional.of(grid(reader.read(0, param)));
            } finally {
                reader.dispose();
            }
        }
    }

    /** Cell averages of the luminance; transparent pixels read as white, as a handset shows them on its background. */
    static double[][] grid(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        double[][] sum = new double[SIZE][SIZE];
        int[][] count = new int[SIZE][SIZE];
        for (int y = 0; y < h; y++) {
            int cy = (int) ((long) y * SIZE / h);
            for (int x = 0; x < w; x++) {
                int cx = (int) ((long) x * SIZE / w);
                int p = argb[y * w + x];
                double alpha = ((p >>> 24) & 0xff) / 255.0;
                double luma = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                sum[cy][cx] += alpha * luma + (1 - alpha) * 255;
                count[cy][cx]++;
            }
        }
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                sum[y][x] = count[y][x] == 0 ? 255 : sum[y][x] / count[y][x];
            }
        }
        return sum;
    }
}
