package kr.dure.monitoring;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.OutputStream;

/**
 * The blocking {@link OutputStream} the CSV and XLSX libraries write to, in front of a Vert.x
 * response: bytes gather in a small buffer and go out as one chunk when it fills or on flush. It is
 * used on the response's event loop; the caller pauses its source when {@link #writeQueueFull()}.
 */
public final class ResponseOutputStream extends OutputStream {

  private static final int CHUNK = 64 * 1024;

  private final WriteStream<Buffer> target;
  private Buffer pending = Buffer.buffer(CHUNK);
  private long written;

  public ResponseOutputStream(WriteStream<Buffer> target) {
    this.target = target;
  }

  @Override
  public void write(int b) {
    pending.appendByte((byte) b);
    sendIfFull();
  }

  @Override
  public void write(byte[] b, int off, int len) {
    pending.appendBytes(b, off, len);
    sendIfFull();
  }

  private void sendIfFull() {
    if (pending.length() >= CHUNK) {
      send();
    }
  }

  @Override
  public void flush() {
    if (pending.length() > 0) {
      send();
    }
  }

  private void send() {
    written += pending.length();
    target.write(pending);
    pending = Buffer.buffer(CHUNK);
  }

  public boolean writeQueueFull() {
    return target.writeQueueFull();
  }

  /** Bytes handed to the response so far. */
  public long written() {
    return written;
  }

  @Override
  public void close() {
    flush();
  }
}
