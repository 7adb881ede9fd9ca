package tracker.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j Community database with Bolt on 127.0.0.1:PORT, data in DIR.
 * Prints "bolt://127.0.0.1:PORT" once Bolt accepts connections (the tests wait for that line),
 * and shuts the database down cleanly on SIGTERM through the JVM's shutdown hook.
 *
 * Usage: Launcher --port P --data DIR [--auth user:password] [--pagecache-mb 64]
 * With --auth the initial password of the user "neo4j" is set; the password is never printed.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path data = Path.of("instance/neo4j");
        String auth = null;
        long pagecacheMb = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--auth" -> auth = args[++i];
                case "--pagecache-mb" -> pagecacheMb = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown argument / ukendt argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(data.toAbsolutePath())
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            // Small and bounded: the suite shares a 2-core machine with Chromium and the other tests.
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
            .setConfig(GraphDatabaseSettings.auth_enabled, auth != null)
            // SIGTERM should stop it in a second or two, not wait ten for idle Bolt connections.
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2));
        DatabaseManagementService service = builder.build();
        if (auth != null) {
            setPassword(service, auth);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }));
        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** The default user "neo4j" gets the given password (the user part must be "neo4j"). */
    private static void setPassword(DatabaseManagementService service, String auth) {
        int colon = auth.indexOf(':');
        String user = auth.substring(0, colon);
        String password = auth.substring(colon + 1);
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
            "ALTER USER " + user + " SET PASSWORD $password CHANGE NOT REQUIRED",
            java.util.Map.of("password", password));
    }
}
