package io.campaignpulse.event;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database as the service left it before time partitions: migrated to V8 and populated (events over three months,
 * some without `created`, dead letters, the read model and its position), then handed to the service, which migrates
 * it at start-up (clean-at-start off). What was there is written down first, for {@link PartitionedUpgradeTest} to
 * compare.
 */
public class PopulatedV8Database implements QuarkusTestResourceLifecycleManager {

    static final String USER = "postgres";
    static final int EVENTS = 3000;

    /** Every event, dead letter and read-model row before the upgrade, as text, in key order. */
    static volatile Map<String, List<String>> before;
    /** The last value the V8 identity of event.seq handed out (one more than the rows: a conflicting insert took one). */
    static volatile long lastSeqGiven;

    static final Map<String, String> SNAPSHOTS = Map.of(
            "event", """
                    select concat_ws('|', seq, event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id,
                        mail_id, subscription_id, media_type, address, occurred_at, received_at, bounce_category, bounce_reason,
                        threshold_exceeded, link, payload) from event order by seq""",
            "dead_letter", "select concat_ws('|', id, received_at, reason, element_index, element) from dead_letter order by id",
            "mailing_stats", "select cast(m as text) from mailing_stats m order by mailing_id",
            "mailing_opener", "select cast(o as text) from mailing_opener o order by 1",
            "recipient", "select cast(r as text) from recipient r order by recipient_id",
            "recipient_list", "select cast(l as text) from recipient_list l order by 1",
            "read_model_position", "select cast(p as text) from read_model_position p");

    static String url() {
        String url = System.getenv("PULSE_TEST_DATABASE_URL");
        return "jdbc:" + (url == null || url.isBlank() ? "postgresql://127.0.0.1:5432/test" : url);
    }

    @Override
    public Map<String, String> start() {
        Flyway v8 = Flyway.configure().dataSource(url(), USER, "").locations("classpath:db/migration")
                .cleanDisabled(false).target(MigrationVersion.fromVersion("8")).load();
        v8.clean();
        v8.migrate();
        try (Connection c = DriverManager.getConnection(url(), USER, ""); Statement st = c.createStatement()) {
            populate(st);
            before = snapshot(st);
            try (ResultSet rs = st.executeQuery("select last_value from event_seq_seq")) {
                rs.next();
                lastSeqGiven = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // the service migrates what is there instead of wiping it
        return Map.of("quarkus.flyway.clean-at-start", "false");
    }

    private static void populate(Statement st) throws SQLException {
        // three mailings, 60 recipients, events up to 90 days back at millisecond precision (what `created` carries);
        // every tenth has no `created` and takes its arrival time
        st.execute("""
                insert into event (event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,
                    media_type, address, occurred_at, received_at, bounce_category, threshold_exceeded, link, payload)
                select 'v8-' || g, t.type, t.provider_type, 10180860001, 'v8r' || (g % 60) || '@x.test', 7, 60000000001 + g % 3,
                       'mail-' || g, 'EMAIL', 'v8r' || (g % 60) || '@x.test',
                       case when g % 10 <> 0 then at end, at + interval '3 seconds',
                       case when t.type = 'BOUNCE' then 'softbounce' end, case when t.type = 'BOUNCE' then false end,
                       case when t.type = 'CLICK' then 'https://a.test/' || (g % 4) end,
                       jsonb_build_object('id', 'v8-' || g, 'type', t.provider_type, 'clientId', 10180860001,
                           'recipientId', 'v8r' || (g % 60) || '@x.test', 'userListId', 7, 'mailingId', 60000000001 + g % 3,
                           'mailId', 'mail-' || g, 'mediaType', 'EMAIL')
                       || case when g % 10 <> 0 then jsonb_build_object('created', (extract(epoch from at) * 1000)::bigint) else '{}' end
                       || case when t.type = 'BOUNCE' then jsonb_build_object('category', 'softbounce', 'thresholdExceeded', false) else '{}' end
                       || case when t.type = 'CLICK' then jsonb_build_object('link', 'https://a.test/' || (g % 4)) else '{}' end
                from generate_series(1, {EVENTS}) g
                cross join lateral (select date_trunc('milliseconds', now() - (g % 90) * interval '1 day' - g * interval '1 second') as at) a
                cross join lateral (select case g % 4 when 0 then 'SENT' when 1 then 'OPEN' when 2 then 'CLICK' else 'BOUNCE' end as type) t0
                cross join lateral (select t0.type, case t0.type when 'SENT' then 'sent' when 'OPEN' then 'open' when 'CLICK' then 'click'
                                                                 else 'bounce' end as provider_type) t
                order by g
                """.replace("{EVENTS}", String.valueOf(EVENTS)));
        // a redelivery raced and lost: it took a seq that no row has
        st.execute("insert into event (event_id, type, provider_type, received_at, payload) values ('v8-1', 'SENT', 'sent', now(), '{}')"
                + " on conflict (event_id) do nothing");
        st.execute("""
                insert into dead_letter (received_at, reason, element_index, element)
                select now() - g * interval '9 days', 'no string type', 0, '{"id":"dl-' || g || '"}' from generate_series(1, 10) g""");
        // the read model as the projection left it (counts of the stored events)
        st.execute("""
                insert into mailing_stats (mailing_id, client_id, sent, opens, unique_opens, clicks, unique_clicks, soft_bounces,
                    hard_bounces, unsubscribes, spam_complaints, first_event_at, last_event_at, changed_seq)
                select mailing_id, max(client_id), count(*) filter (where type = 'SENT'), count(*) filter (where type = 'OPEN'),
                       count(distinct recipient_id) filter (where type = 'OPEN'), count(*) filter (where type = 'CLICK'),
                       count(distinct recipient_id) filter (where type = 'CLICK'), count(*) filter (where type = 'BOUNCE'), 0, 0, 0,
                       min(coalesce(occurred_at, received_at)), max(coalesce(occurred_at, received_at)), max(seq)
                from event group by mailing_id""");
        st.execute("insert into mailing_opener select distinct mailing_id, recipient_id from event where type = 'OPEN'");
        st.execute("""
                insert into recipient (recipient_id, status, last_event_at, soft_bounces, hard_bounces)
                select recipient_id, 'ACTIVE', max(coalesce(occurred_at, received_at)), count(*) filter (where type = 'BOUNCE'), 0
                from event group by recipient_id""");
        st.execute("insert into recipient_list (recipient_id, client_id, user_list_id, status) select distinct recipient_id, client_id, user_list_id, 'ACTIVE' from event");
        st.execute("update read_model_position set last_seq = (select max(seq) from event)");
    }

    static Map<String, List<String>> snapshot(Statement st) throws SQLException {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        for (Map.Entry<String, String> query : SNAPSHOTS.entrySet()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(query.getValue())) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            tables.put(query.getKey(), rows);
        }
        return tables;
    }

    @Override
    public void stop() {
    }
}
