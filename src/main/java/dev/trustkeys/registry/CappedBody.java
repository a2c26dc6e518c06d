package dev.trustkeys.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: a successful response that announces or sends
 * more fails with {@link TooLarge} as soon as it passes the limit (the connection is dropped,
 * nothing more is read); an error response is kept up to its own, smaller limit and the rest
 * ignored.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {
  private final long limit;
  private final long errorLimit;

  CappedBody(long limit, long errorLimit) {
    this.limit = limit;
    this.errorLimit = errorLimit;
  }

  /** The body passed the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("response larger than " + limit + " bytes");
    }
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    boolean ok = info.statusCode() / 100 == 2;
    long max = ok ? limit : Math.min(limit, errorLimit);
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Subscriber(max, ok, announced);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final boolean failWhenOver;
    private final long announced;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(long max, boolean failWhenOver, long announced) {
      this.max = max;
      this.failWhenOver = failWhenOver;
      this.announced = announced;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (failWhenOver && announced > max) {
        s.cancel();
        result.completeExceptionally(new TooLarge(max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        long room = max - out.size();
        if (b.remaining() > room) {
          if (failWhenOver) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(max));
            return;
          }
          byte[] part = new byte[(int) Math.max(0, room)];
          b.get(part);
          out.writeBytes(part);
          subscription.cancel();
          result.complete(out.toByteArray());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
