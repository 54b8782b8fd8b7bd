// Issue 16: audience normalisation and hashing throughput (goals: e-mails and names ≥ 1 M/s on one
// core, phones ≥ 100,000/s on one core), the export of a 1 M-member segment with e-mail and phone
// on both cores (≤ 10 s, with progress) and the difference of two sets of a million row digests
// (≤ 1 s). Synthetic identifiers only (example.com / example.org / gmail.com shapes).
#include <benchmark/benchmark.h>

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cstring>
#include <random>

#include "activation/audience_delta.h"
#include "activation/audience_export.h"
#include "activation/audience_normaliser.h"
#include "activation/phone_normaliser.h"

using namespace core;

namespace {

constexpr int kValues = 1'000'000;

const AudienceNormaliser& google()
{
    static const AudienceNormaliser n = AudienceNormaliser::forPlatform(AudiencePlatform::Google).value();
    return n;
}

const AudienceNormaliser& meta()
{
    static const AudienceNormaliser n = AudienceNormaliser::forPlatform(AudiencePlatform::Meta).value();
    return n;
}

QString email(int i)
{
    static const char* domains[] = {"example.com", "Example.org", "gmail.com", "example.com", "googlemail.com"};
    return QStringLiteral(" First.Last%1+news@%2 ").arg(i).arg(QLatin1String(domains[i % 5]));
}

const QStringList& emails()
{
    static const QStringList values = [] {
        QStringList out;
        out.reserve(kValues);
        for (int i = 0; i < kValues; ++i)
            out.append(email(i));
        return out;
    }();
    return values;
}

const QStringList& names()
{
    static const QStringList values = [] {
        static const char* first[] = {"Alex", "MARY ANN", " José ", "O'Brien", "Zoë", "Jean-Luc", "Quinn", "Smith"};
        QStringList out;
        out.reserve(kValues);
        for (int i = 0; i < kValues; ++i)
            out.append(QString::fromUtf8(first[i % 8]) + QString::number(i % 7 == 0 ? i : 0).left(i % 7 == 0 ? 6 : 0));
        return out;
    }();
    return values;
}

struct PhoneCase
{
    QString raw;
    QString country;
};

QList<PhoneCase> phones(int n)
{
    QList<PhoneCase> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        const int a = 200 + i % 700;
        const int b = i % 10000;
        switch (i % 5) {
        case 0: out.append({QStringLiteral("(415) %1-%2").arg(a).arg(b, 4, 10, QLatin1Char('0')), QStringLiteral("US")}); break;
        case 1: out.append({QStringLiteral("020 7%1 %2").arg(a, 3, 10, QLatin1Char('0')).arg(b, 4, 10, QLatin1Char('0')), QStringLiteral("GB")}); break;
        case 2: out.append({QStringLiteral("030 %1%2").arg(a).arg(b, 4, 10, QLatin1Char('0')), QStringLiteral("DE")}); break;
        case 3: out.append({QStringLiteral("+33 6 %1 %2").arg(a % 100, 2, 10, QLatin1Char('0')).arg(b, 6, 10, QLatin1Char('0')), QString()}); break;
        default: out.append({QStringLiteral("+1 %1-555-%2").arg(a).arg(b, 4, 10, QLatin1Char('0')), QStringLiteral("US")}); break;
        }
    }
    return out;
}

// E-mails: whitespace, lower case, syntax, gmail canonical form, SHA-256 hex; one thread.
void BM_NormaliseAndHashEmails(benchmark::State& state)
{
    const QStringList& values = emails();
    const int column = 0; // Email
    for (auto _ : state) {
        qint64 kept = 0;
        for (const QString& v : values)
            kept += google().value(column, v, u"US").text.size() == 64;
        if (kept != values.size())
            state.SkipWithError("an e-mail was dropped");
        benchmark::DoNotOptimize(kept);
    }
    state.SetItemsProcessed(state.iterations() * values.size());
}
BENCHMARK(BM_NormaliseAndHashEmails)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Names: Meta's fn (trim, lower case, letters only, accents kept) and SHA-256 hex; one thread.
void BM_NormaliseAndHashNames(benchmark::State& state)
{
    const QStringList& values = names();
    const int column = 2; // fn
    for (auto _ : state) {
        qint64 kept = 0;
        for (const QString& v : values)
            kept += meta().value(column, v, {}).text.size() == 64;
        benchmark::DoNotOptimize(kept);
    }
    state.SetItemsProcessed(state.iterations() * values.size());
}
BENCHMARK(BM_NormaliseAndHashNames)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Phones of US, GB, DE and FR, national and international: E.164 (libphonenumber's rules over
// its cached metadata) and SHA-256 hex; one thread.
void BM_NormaliseAndHashPhones(benchmark::State& state)
{
    static const QList<PhoneCase> cases = phones(200'000);
    const int column = 1; // Phone
    for (auto _ : state) {
        qint64 kept = 0;
        for (const PhoneCase& c : cases)
            kept += google().value(column, c.raw, c.country).text.size() == 64;
        if (kept != cases.size())
            state.SkipWithError("a phone was dropped");
        benchmark::DoNotOptimize(kept);
    }
    state.SetItemsProcessed(state.iterations() * cases.size());
}
BENCHMARK(BM_NormaliseAndHashPhones)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The same numbers through PhoneNumberUtil::Parse alone (what the fast path saves).
void BM_PhonesThroughLibphonenumberParse(benchmark::State& state)
{
    static const QList<PhoneCase> cases = phones(50'000);
    for (auto _ : state) {
        qint64 kept = 0;
        for (const PhoneCase& c : cases)
            kept += PhoneNormaliser::instance().toE164WithLibraryParse(c.raw, c.country).ok();
        benchmark::DoNotOptimize(kept);
    }
    state.SetItemsProcessed(state.iterations() * cases.size());
}
BENCHMARK(BM_PhonesThroughLibphonenumberParse)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// A 1 M-member segment with e-mail and phone (US/GB/DE/FR, as above) to a Google file: normalise,
// hash, pre-flight and atomic write, on every thread of the global pool (both cores), with progress.
void BM_ExportOneMillionMembers(benchmark::State& state)
{
    static const QList<CustomerIdentifiers> people = [] {
        const QList<PhoneCase> numbers = phones(kValues);
        QList<CustomerIdentifiers> out;
        out.reserve(kValues);
        for (int i = 0; i < kValues; ++i) {
            CustomerIdentifiers p;
            p.userId = QStringLiteral("u-%1").arg(i, 7, 10, QLatin1Char('0'));
            p.email = email(i);
            p.phone = numbers.at(i).raw;
            p.country = numbers.at(i).country;
            out.append(p);
        }
        return out;
    }();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audience.csv"));
    const AudienceExport exporter(std::make_shared<const AudienceNormaliser>(google()));
    qint64 progressCalls = 0;
    qint64 rows = 0;
    for (auto _ : state) {
        const Result<AudienceExportOutcome> outcome =
            exporter.run(people.size(), people, path, false, [&](qint64, qint64) {
                ++progressCalls;
                return true;
            });
        if (!outcome || !outcome.value().written) {
            state.SkipWithError("the export failed");
            break;
        }
        rows = outcome.value().rows;
    }
    state.counters["threads"] = QThreadPool::globalInstance()->maxThreadCount();
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["file_MB"] = static_cast<double>(QFile(path).size()) / 1e6;
    state.counters["progress_calls"] = static_cast<double>(progressCalls) / static_cast<double>(state.iterations());
    state.SetItemsProcessed(state.iterations() * people.size());
}
BENCHMARK(BM_ExportOneMillionMembers)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

// The sync difference of two sets of a million row digests, 5 % added and 5 % removed.
void BM_DiffTwoMillionDigestSets(benchmark::State& state)
{
    static const std::pair<std::vector<RowDigest>, std::vector<RowDigest>> sets = [] {
        std::mt19937_64 rng(16);
        auto random = [&] {
            RowDigest d;
            for (size_t i = 0; i < d.size(); i += 8) {
                const quint64 r = rng();
                std::memcpy(d.data() + i, &r, 8);
            }
            return d;
        };
        std::vector<RowDigest> sent(kValues);
        for (RowDigest& d : sent)
            d = random();
        std::vector<RowDigest> now = sent;
        for (size_t i = 0; i < now.size(); i += 20)
            now[i] = random();
        std::shuffle(now.begin(), now.end(), rng);
        return std::make_pair(sent, now);
    }();
    size_t changes = 0;
    for (auto _ : state) {
        const AudienceDelta d = AudienceDelta::between(sets.first, sets.second);
        changes = static_cast<size_t>(d.toAdd.size()) + d.toRemove.size();
        benchmark::DoNotOptimize(changes);
    }
    state.counters["adds_plus_removes"] = static_cast<double>(changes);
    state.SetItemsProcessed(state.iterations() * 2 * kValues);
}
BENCHMARK(BM_DiffTwoMillionDigestSets)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
