package io.viewercounts.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out as Netty 4.2 does it at its best, the other candidate for our send path: its own
 * WebSocket handshake, ping and close handling, on its epoll transport (NIO where that is not
 * available) with an event loop per core. A change is one direct buffer holding the whole frame,
 * built once; each event loop writes a duplicate of it to each of its own connections
 * in one task per change (a write from any other thread would be a task per connection), with
 * Netty's void promise: nothing allocated per write but the duplicate.
 */
public final class NettyFanoutServer implements FloorServer {

  private static final int LOOPS = 2;

  private final EventLoopGroup loops;
  /** Each loop's connections, touched only on that loop. */
  private final Map<EventLoop, List<Channel>> connections = new ConcurrentHashMap<>();
  private final AtomicLong partialWrites = new AtomicLong();
  private final AtomicLong writerCpuNanos = new AtomicLong();
  private Channel server;

  private NettyFanoutServer(EventLoopGroup loops) {
    this.loops = loops;
  }

  public static FloorServer start() throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> type =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    NettyFanoutServer netty = new NettyFanoutServer(new MultiThreadIoEventLoopGroup(LOOPS, io));
    netty.server = new ServerBootstrap().group(netty.loops).channel(type)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerProtocolHandler("/ws", null, false, 8192, false, true),
                netty.new Registration());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    return netty;
  }

  @Override
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void publish(String stream, long count) throws InterruptedException {
    byte[] bytes = FloorServer.frame(stream, count);
    // The JVM's direct memory, freed when the buffer is collected; unreleasable, so that a write's
    // release of its duplicate is no atomic operation on a count every loop shares.
    ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
        ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    CountDownLatch written = new CountDownLatch(LOOPS);
    for (EventExecutor executor : loops) {
      EventLoop loop = (EventLoop) executor;
      loop.execute(() -> {
        try {
          writeAll(connections.getOrDefault(loop, List.of()), frame);
        } finally {
          written.countDown();
        }
      });
    }
    written.await();
  }

  @Override
  public long partialWrites() {
    return partialWrites.get();
  }

  @Override
  public long writerCpuNanos() {
    return writerCpuNanos.get();
  }

  @Override
  public void close() throws IOException {
    server.close().syncUninterruptibly();
    loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private void writeAll(List<Channel> channels, ByteBuf frame) {
    long cpu = FloorServer.threadCpuNanos();
    long partial = 0;
    for (Channel channel : channels) {
      channel.writeAndFlush(frame.duplicate(), channel.voidPromise());
      ChannelOutboundBuffer left = channel.unsafe().outboundBuffer();
      if (left != null && left.totalPendingWriteBytes() > 0) {
        partial++;
      }
    }
    partialWrites.addAndGet(partial);
    writerCpuNanos.addAndGet(FloorServer.threadCpuNanos() - cpu);
  }

  /** Adds a connection to its loop's list once its handshake is done, and drops it when it closes. */
  private final class Registration extends SimpleChannelInboundHandler<WebSocketFrame> {

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        connections.computeIfAbsent(context.channel().eventLoop(), loop -> new ArrayList<>())
            .add(context.channel());
      }
      context.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      List<Channel> mine = connections.get(context.channel().eventLoop());
      if (mine != null) {
        mine.remove(context.channel());
      }
      context.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
      // what clients send is dropped (the handler releases it)
    }
  }
}
