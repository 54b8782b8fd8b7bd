#include "demo/demo_generator.h"

#include "demo/demo_identifiers.h"

#include "domain/segment_json.h"
#include "domain/simple_definition.h"
#include "logging/logging.h"
#include "backends/sqlite/local_pipeline.h"
#include "backends/sqlite/sqlite_bronze_writer.h"
#include "domain/segment_change_rules.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_migrator.h"
#include "backends/session_audience_store.h"
#include "backends/session_segment_rows.h"
#include "backends/sqlite/sqlite_session.h"
#include "backends/sqlite/sqlite_sql.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QTimeZone>
#include <QUuid>

#include <array>
#include <cmath>
#include <random>

namespace core {

namespace {

const QString kAction = QStringLiteral("create the demo workspace");

// A small deterministic random source: std::mt19937_64's sequence is fixed by the
// standard; distributions are implemented here so results do not depend on the library.
class DemoRandom
{
public:
    explicit DemoRandom(quint64 seed) : m_engine(seed) {}
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    int below(int n) { return static_cast<int>(uniform() * n); }
    double normal()
    {
        const double u1 = std::max(uniform(), 1e-300);
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    int poisson(double lambda)
    {
        const double limit = std::exp(-lambda);
        double p = uniform();
        int k = 0;
        while (p > limit) {
            p *= uniform();
            ++k;
        }
        return k;
    }
    template <std::size_t N>
    int weighted(const std::array<double, N>& weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double r = uniform() * total;
        for (std::size_t i = 0; i < N; ++i) {
            r -= weights[i];
            if (r < 0)
                return static_cast<int>(i);
        }
        return static_cast<int>(N - 1);
    }

private:
    std::mt19937_64 m_engine;
};

struct DemoAdvertiser
{
    const char* id;
    const char* name;
    const char* currency; // a mix, so the window shows each spend in its own currency
    QStringList themes; // interest prefixes this advertiser's campaigns attract
    double share;
    double ctr;
    double cvr;
};

struct DemoUser
{
    QString id;
    QString age;
    QString gender;
    QString country;
    QString region;
    QString interests;
    QString devices[2];
    int deviceCount = 1;
    double rate = 0;
    std::array<double, 3> affinity{};
};

const std::array<const char*, 6> kAges{"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
const std::array<double, 6> kAgeWeights{0.17, 0.24, 0.20, 0.16, 0.13, 0.10};
const std::array<const char*, 3> kGenders{"female", "male", "unknown"};
const std::array<double, 3> kGenderWeights{0.49, 0.47, 0.04};
const std::array<const char*, 12> kCountries{"US", "GB", "DE", "FR", "CA", "AU", "ES", "IT", "JP", "BR", "IN", "MX"};
const std::array<double, 12> kCountryWeights{0.35, 0.10, 0.09, 0.08, 0.06, 0.05, 0.05, 0.05, 0.05, 0.05, 0.04, 0.03};
const std::array<const char*, 4> kDevices{"mobile", "desktop", "tablet", "ctv"};
const std::array<double, 4> kDeviceWeights{0.55, 0.30, 0.10, 0.05};
const std::array<double, 7> kWeekday{1.0, 1.02, 1.05, 1.04, 1.10, 0.85, 0.80}; // Monday first

QList<DemoAdvertiser> advertisers()
{
    return {
        {"adv-northwind", "Northwind Outdoor", "EUR", {QStringLiteral("travel"), QStringLiteral("sports"), QStringLiteral("hobbies")}, 0.40, 0.014, 0.09},
        {"adv-lumen", "Lumen Bank", "GBP", {QStringLiteral("personal_finance"), QStringLiteral("business"), QStringLiteral("real_estate")}, 0.35, 0.010, 0.06},
        {"adv-pixel", "Pixel Play Games", "USD", {QStringLiteral("gaming"), QStringLiteral("technology")}, 0.25, 0.022, 0.12},
    };
}

struct DemoSegment
{
    int advertiser;
    const char* name;
    const char* description;
    SegmentStatus status;
    SimpleDefinition definition;
    int includeSegment = -1; // index of a demo segment to include
};

SimpleDefinition simple(std::map<Dimension, QStringList> include, std::vector<BehaviourRule> behaviours = {},
                        std::map<Dimension, QStringList> exclude = {})
{
    SimpleDefinition s;
    s.include = std::move(include);
    s.behaviours = std::move(behaviours);
    s.exclude = std::move(exclude);
    return s;
}

QList<DemoSegment> demoSegments()
{
    using D = Dimension;
    const auto L = [](std::initializer_list<const char*> items) {
        QStringList out;
        for (const char* i : items)
            out.append(QLatin1String(i));
        return out;
    };
    const auto B = [](const char* event, int count, int days) { return BehaviourRule{QLatin1String(event), count, days}; };
    return {
        {0, "Weekend Hikers", "Outdoor-minded 25-44s on mobile.", SegmentStatus::Active,
         simple({{D::Age, L({"25-34", "35-44"})}, {D::Interest, L({"travel", "sports"})}, {D::Device, L({"mobile"})}})},
        {0, "Urban Cyclists EU", "Fitness fans in the big five EU markets.", SegmentStatus::Active,
         simple({{D::Country, L({"DE", "FR", "ES", "IT", "GB"})}, {D::Interest, L({"health.fitness"})}})},
        {0, "Outdoor Gift Buyers", "Older buyers who clicked recently.", SegmentStatus::Draft,
         simple({{D::Age, L({"35-44", "45-54", "55-64"})}}, {B("click", 1, 30)})},
        {0, "Lapsed Campers", "North Americans into travel, not on TV screens.", SegmentStatus::Archived,
         simple({{D::Country, L({"US", "CA"})}, {D::Interest, L({"travel"})}}, {}, {{D::Device, L({"ctv"})}})},
        {0, "High-Intent Adventurers", "Weekend Hikers who converted in the last 90 days.", SegmentStatus::Active,
         simple({}, {B("conversion", 1, 90)}), 0},
        {1, "First-Time Savers", "Young adults interested in personal finance.", SegmentStatus::Active,
         simple({{D::Age, L({"18-24", "25-34"})}, {D::Interest, L({"personal_finance"})}})},
        {1, "Small Business Owners", "Business interest, desktop users.", SegmentStatus::Active,
         simple({{D::Interest, L({"business"})}, {D::Device, L({"desktop"})}})},
        {1, "Retirement Planners", "55+ planning their finances in English-speaking markets.", SegmentStatus::Draft,
         simple({{D::Age, L({"55-64", "65+"})}, {D::Country, L({"US", "GB", "CA"})}, {D::Interest, L({"personal_finance"})}})},
        {1, "Mobile Banking Switchers", "Recent clickers on phones and tablets, under 65.", SegmentStatus::Active,
         simple({{D::Device, L({"mobile", "tablet"})}}, {B("click", 1, 14)}, {{D::Age, L({"65+"})}})},
        {1, "Californian Homebuyers", "Real-estate interest in California.", SegmentStatus::Active,
         simple({{D::Country, L({"US"})}, {D::Region, L({"US-CA"})}, {D::Interest, L({"real_estate"})}})},
        {2, "Mobile Gamers 18-34", "Young mobile gamers.", SegmentStatus::Active,
         simple({{D::Age, L({"18-24", "25-34"})}, {D::Interest, L({"gaming.mobile"})}, {D::Device, L({"mobile"})}})},
        {2, "Console Fans", "Everyone into PlayStation, Xbox or Nintendo.", SegmentStatus::Active,
         simple({{D::Interest, L({"gaming.console"})}})},
        {2, "Esports Watchers", "Esports fans on big screens.", SegmentStatus::Draft,
         simple({{D::Interest, L({"gaming.esports"})}, {D::Device, L({"ctv", "desktop"})}})},
        {2, "Lapsed Players", "Gamers who saw at least five ads in 60 days.", SegmentStatus::Archived,
         simple({{D::Interest, L({"gaming"})}}, {B("impression", 5, 60)})},
        {2, "Players' \"Wishlist\"; Q4 -- JP", "Japan launch: gaming and tech fans.", SegmentStatus::Active,
         simple({{D::Country, L({"JP"})}, {D::Interest, L({"gaming", "technology"})}})},
    };
}

QString demoUuid(quint64 seed, const QString& name)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("6f1c2f9e-4b8a-4a53-9d61-2f0c7c1e5a10"));
    return QUuid::createUuidV5(ns, QStringLiteral("%1/%2").arg(seed).arg(name)).toString(QUuid::WithoutBraces);
}

Status insertSegments(QSqlDatabase& db, const DemoOptions& options, std::shared_ptr<const Catalogue> catalogue)
{
    const auto advs = advertisers();
    for (const auto& a : advs) {
        auto q = SqliteSql::exec(db, QStringLiteral("INSERT INTO advertisers (advertiser_id, name, currency) VALUES (?, ?, ?)"),
                                 QVariantList{QLatin1String(a.id), QLatin1String(a.name), QLatin1String(a.currency)}, kAction);
        if (!q)
            return q.error();
    }
    SegmentChangeRules rules(catalogue);
    SqliteSession rowsSession(db);
    SessionSegmentRows rows(rowsSession, SegmentSql(SqliteSession::target()));
    const QDateTime end(options.endDate, QTime(17, 0), QTimeZone::utc());
    QStringList ids;
    const auto segments = demoSegments();
    for (int i = 0; i < segments.size(); ++i) {
        const auto& d = segments[i];
        SimpleDefinition def = d.definition;
        if (d.includeSegment >= 0)
            def.includeSegments.append(ids.at(d.includeSegment));
        Segment s;
        s.id = demoUuid(options.seed, QLatin1String(d.name));
        s.advertiserId = QLatin1String(advs[d.advertiser].id);
        s.name = QString::fromUtf8(d.name);
        s.description = QString::fromUtf8(d.description);
        s.status = d.status;
        s.definition = def.toDefinition();
        const QDateTime created = end.addDays(-(150 - 9 * i)).addSecs(37 * 60 * i);
        auto taken = rows.takenNames(s.advertiserId, s.id);
        if (!taken)
            return taken.error();
        auto prepared = rules.prepareCreate(s, QStringLiteral("demo"), created, taken.value(), rows.resolver());
        if (!prepared)
            return prepared.error();
        if (auto st = rows.record(prepared.value(), std::nullopt, QStringLiteral("created")); !st)
            return st;
        ids.append(s.id);
    }
    return success();
}

QList<DemoUser> makeUsers(DemoRandom& rnd, const DemoOptions& options, const Catalogue& catalogue)
{
    QStringList interestPool;
    for (const auto& e : catalogue.entries(Dimension::Interest)) {
        if (e.value.contains(QLatin1Char('.')))
            interestPool.append(e.value);
    }
    const auto advs = advertisers();
    QList<DemoUser> users;
    users.reserve(options.users);
    for (int i = 0; i < options.users; ++i) {
        DemoUser u;
        u.id = QStringLiteral("u%1").arg(i + 1, 6, 10, QLatin1Char('0'));
        u.age = QLatin1String(kAges[static_cast<std::size_t>(rnd.weighted(kAgeWeights))]);
        u.gender = QLatin1String(kGenders[static_cast<std::size_t>(rnd.weighted(kGenderWeights))]);
        u.country = QLatin1String(kCountries[static_cast<std::size_t>(rnd.weighted(kCountryWeights))]);
        const QStringList regions = catalogue.regionsOf(u.country);
        if (!regions.isEmpty() && rnd.uniform() < 0.9)
            u.region = regions.at(rnd.below(static_cast<int>(regions.size())));
        QStringList interests;
        const int count = 2 + rnd.below(4);
        while (interests.size() < count) {
            const QString pick = interestPool.at(rnd.below(static_cast<int>(interestPool.size())));
            if (!interests.contains(pick))
                interests.append(pick);
        }
        interests.sort();
        u.interests = interests.join(QLatin1Char('|'));
        u.devices[0] = QLatin1String(kDevices[static_cast<std::size_t>(rnd.weighted(kDeviceWeights))]);
        if (rnd.uniform() < 0.3) {
            u.devices[1] = QLatin1String(kDevices[static_cast<std::size_t>(rnd.weighted(kDeviceWeights))]);
            u.deviceCount = u.devices[1] == u.devices[0] ? 1 : 2;
        }
        u.rate = options.meanEventsPerUserPerDay * std::exp(0.8 * rnd.normal() - 0.32);
        for (int a = 0; a < advs.size(); ++a) {
            double w = advs[a].share;
            for (const auto& theme : advs[a].themes) {
                for (const auto& interest : interests) {
                    if (interest.startsWith(theme + QLatin1Char('.')))
                        w *= 2.5;
                }
            }
            u.affinity[static_cast<std::size_t>(a)] = w;
        }
        users.append(u);
    }
    return users;
}

// rnd: the generator that made the users, continued.
Status insertEvents(QSqlDatabase& db, const DemoOptions& options, const QList<DemoUser>& users, DemoRandom& rnd,
                    const DemoGenerator::Progress& progress)
{
    const auto advs = advertisers();
    const QString ingest = QDateTime(options.endDate.addDays(1), QTime(2, 0), QTimeZone::utc()).toString(Qt::ISODate);
    // The demo feed is one batch; its rows are numbered like the lines of a file.
    SqliteBronzeWriter writer(db, {QStringLiteral("demo"), QStringLiteral("demo-generator"), ingest}, kAction);
    const QDate first = options.endDate.addDays(1 - options.days);
    qint64 serial = 0;
    qint64 line = 0;
    for (int ui = 0; ui < users.size(); ++ui) {
        const DemoUser& u = users[ui];
        if (progress && ui % 5000 == 0)
            progress(5 + 45 * ui / static_cast<int>(users.size()), QStringLiteral("Generating events"));
        for (int day = 0; day < options.days; ++day) {
            const QDate date = first.addDays(day);
            const double growth = 1.0 + 0.25 * day / options.days;
            const int n = rnd.poisson(u.rate * kWeekday[static_cast<std::size_t>(date.dayOfWeek() - 1)] * growth);
            for (int k = 0; k < n; ++k) {
                const int a = rnd.weighted(u.affinity);
                const DemoAdvertiser& adv = advs[a];
                const QString campaign = QStringLiteral("%1-c%2").arg(QLatin1String(adv.id)).arg(1 + rnd.below(3));
                const QString device = u.devices[rnd.below(u.deviceCount)];
                const int seconds = rnd.below(86400);
                const QString time = QDateTime(date, QTime(0, 0).addSecs(seconds), QTimeZone::utc()).toString(Qt::ISODate);
                const double cpm = (u.country == QLatin1String("US") ? 6.0 : 3.5) * (0.8 + 0.4 * rnd.uniform());
                auto emitEvent = [&](const QString& type, qint64 cost, const QString& eventTime) -> Status {
                    ++serial;
                    QString country = u.country;
                    QString age = u.age;
                    // Real feeds are dirty: a few malformed rows that cleaning must quarantine.
                    if (serial % 1499 == 0)
                        country = QStringLiteral("ZZ");
                    if (serial % 2311 == 0)
                        age = QStringLiteral("17");
                    const QStringList row{QStringLiteral("ev-%1").arg(serial, 9, 10, QLatin1Char('0')), eventTime,
                                          QLatin1String(adv.id), campaign, u.id, age, u.gender, country, u.region,
                                          device, u.interests, type, QString::number(cost)};
                    if (auto s = writer.add(++line, row); !s)
                        return s;
                    // ... and re-deliver some events: silver must count them once.
                    if (serial % 397 == 0)
                        return writer.add(++line, row);
                    return success();
                };
                if (auto s = emitEvent(QStringLiteral("impression"), static_cast<qint64>(cpm * 1000), time); !s)
                    return s;
                double ctr = adv.ctr * (u.affinity[static_cast<std::size_t>(a)] > adv.share ? 1.8 : 1.0);
                if (device == QLatin1String("ctv"))
                    ctr *= 0.3;
                if (rnd.uniform() < ctr) {
                    const QString clickTime = QDateTime(date, QTime(0, 0).addSecs(std::min(seconds + 5, 86399)), QTimeZone::utc()).toString(Qt::ISODate);
                    if (auto s = emitEvent(QStringLiteral("click"), 0, clickTime); !s)
                        return s;
                    if (rnd.uniform() < adv.cvr) {
                        const QString convTime = QDateTime(date, QTime(0, 0).addSecs(std::min(seconds + 120, 86399)), QTimeZone::utc()).toString(Qt::ISODate);
                        if (auto s = emitEvent(QStringLiteral("conversion"), 0, convTime); !s)
                            return s;
                    }
                }
            }
        }
    }
    return success();
}

// Who the people are: DemoIdentifiers' rows, stored as `segctl identifiers import` stores them.
Status insertIdentifiers(QSqlDatabase& db, const DemoOptions& options, const QList<DemoUser>& users,
                         const Catalogue& catalogue)
{
    QList<DemoPerson> people;
    people.reserve(users.size());
    for (const DemoUser& u : users)
        people.append({u.id, u.age, u.gender, u.country, u.region});
    SqliteSession session(db);
    auto stored = SessionAudienceStore::write(
        session, SqliteSession::target(), DemoIdentifiers::generate(options.seed, options.endDate, people, catalogue));
    if (!stored)
        return stored.error();
    return success();
}

} // namespace

Status DemoGenerator::fill(QSqlDatabase& db, const DemoOptions& options, std::shared_ptr<const Catalogue> catalogue,
                           const Progress& progress)
{
    if (options.users < 1 || options.days < 1 || !options.endDate.isValid())
        return Error::validation(QStringLiteral("demo_options_invalid"),
                                 QStringLiteral("The demo needs at least one user, one day and a valid end date."));
    QElapsedTimer clock;
    clock.start();
    auto log = logging::logger("core.demo");
    if (progress)
        progress(0, QStringLiteral("Creating advertisers and segments"));
    {
        SqliteTransaction tx(db);
        if (auto s = tx.begin(kAction); !s)
            return s;
        if (auto s = insertSegments(db, options, catalogue); !s)
            return s;
        DemoRandom rnd(options.seed);
        const QList<DemoUser> users = makeUsers(rnd, options, *catalogue);
        if (auto s = insertEvents(db, options, users, rnd, progress); !s)
            return s;
        log->debug("{} ms: events written to bronze", clock.elapsed());
        if (auto s = insertIdentifiers(db, options, users, *catalogue); !s)
            return s;
        if (auto s = tx.commit(kAction); !s)
            return s;
    }
    log->debug("{} ms: customer identifiers written", clock.elapsed());
    if (!options.runPipeline)
        return success();
    LocalPipeline pipeline(db, catalogue);
    auto report = pipeline.refresh([&](int percent, const QString& step) {
        if (progress)
            progress(50 + percent / 2, step);
    });
    if (!report)
        return report.error();
    return success();
}

Status DemoGenerator::createWorkspace(const QString& path, const DemoOptions& options, const Progress& progress,
                                      bool overwrite)
{
    if (QFile::exists(path) && !overwrite)
        return Error::conflict(QStringLiteral("workspace_exists"),
                               QStringLiteral("A workspace already exists at %1.").arg(path),
                               QStringLiteral("Choose another path, or replace it explicitly (segctl demo --force)."));
    auto catalogue = Catalogue::load();
    if (!catalogue)
        return catalogue.error();
    const QString partial = path + QStringLiteral(".partial");
    for (const QString& leftover : {partial, partial + QStringLiteral("-wal"), partial + QStringLiteral("-shm")})
        QFile::remove(leftover);
    {
        SqliteExecutor executor(partial);
        auto built = executor.submit<Done>([&](QSqlDatabase& db) -> Status {
            if (auto s = SqliteMigrator::migrate(db); !s)
                return s;
            if (auto s = fill(db, options, catalogue.value(), progress); !s)
                return s;
            // Fold the write-ahead log into the file so the rename below moves everything.
            auto q = SqliteSql::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), QVariantList{}, kAction);
            if (!q)
                return q.error();
            return success();
        });
        built.waitForFinished();
        if (!built.result()) {
            QFile::remove(partial);
            return built.result().error();
        }
    }
    for (const QString& old : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
        QFile::remove(old);
    QFile::remove(partial + QStringLiteral("-wal"));
    QFile::remove(partial + QStringLiteral("-shm"));
    if (!QFile::rename(partial, path))
        return Error::io(QStringLiteral("The demo workspace could not be moved into place."),
                         QStringLiteral("rename %1 → %2 failed").arg(partial, path));
    logging::logger("core.demo")->info("demo workspace created at {}", path.toStdString());
    return success();
}

} // namespace core
