import java.net.URI;
import java.net.http.*;
import java.util.*;

/**
 * Sequential latency of one GraphQL query whose variable $v takes the values of a file in turn (200 warm-up requests
 * first): for reads bench/LoadGen does not cover. No credential (start the service with PULSE_GRAPHQL_AUTH=none).
 *
 *   psql -d pulse_bench_scale -Atc "select event_id from event tablesample system (0.01) limit 2000" > ids.txt
 *   java bench/QueryProbe.java http://127.0.0.1:8080 'query($v: String!) { event(eventId: $v) { eventId } }' ids.txt 1000
 */
public class QueryProbe {
    public static void main(String[] a) throws Exception {
        String url = a[0], query = a[1];
        List<String> values = java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[2]));
        int n = Integer.parseInt(a[3]);
        HttpClient c = HttpClient.newHttpClient();
        double[] ms = new double[n];
        int errors = 0, nulls = 0;
        for (int i = -200; i < n; i++) {
            String v = values.get(Math.floorMod(i * 7919, values.size()));
            String body = "{\"query\":\"" + query + "\",\"variables\":{\"v\":\"" + v + "\"}}";
            long t = System.nanoTime();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url + "/graphql")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            double d = (System.nanoTime() - t) / 1e6;
            if (i >= 0) {
                ms[i] = d;
                if (r.statusCode() != 200 || r.body().contains("\"errors\"")) errors++;
                if (r.body().contains(":null")) nulls++;
            }
        }
        Arrays.sort(ms);
        System.out.printf("n=%d p50=%.2f p95=%.2f p99=%.2f errors=%d null_answers=%d%n", n, ms[n / 2], ms[n * 95 / 100], ms[n * 99 / 100], errors, nulls);
    }
}
