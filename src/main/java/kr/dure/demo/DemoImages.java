package kr.dure.demo;

import io.vertx.core.buffer.Buffer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small images the demo stores as files, drawn at start-up so the repository holds no binaries. */
final class DemoImages {

  private DemoImages() {
  }

  /** A 240×160 PNG "brand sheet": three colour swatches of the demo's joint brand on a white page. */
  static Buffer brandSheet() {
    BufferedImage image = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 240, 160);
      Color[] swatches = {new Color(0x5B, 0x2A, 0x86), new Color(0xE8, 0xD9, 0xB5), new Color(0x2F, 0x6B, 0x3A)};
      for (int i = 0; i < swatches.length; i++) {
        g.setColor(swatches[i]);
        g.fillRect(20 + i * 70, 30, 60, 100);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
