// Audience files: the pre-flight's counts and wording, the CSV's exact header and contents, the
// parallel normalisation keeping the members' order, atomic writes and cancellation, and the
// hash-set difference of a sync.
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QThreadPool>

#include "activation/audience_delta.h"
#include "activation/audience_export.h"
#include "activation/audience_preflight.h"
#include "activation/sha256_hex.h"
#include "export/csv_writer.h"

using namespace core;

namespace {

std::shared_ptr<const AudienceNormaliser> normaliser(AudiencePlatform platform)
{
    return std::make_shared<const AudienceNormaliser>(RuleProfile::load(platform).value(), 2026);
}

CustomerIdentifiers person(const QString& id, const QString& email, const QString& phone = {},
                           const QString& country = {}, const QString& first = {}, const QString& last = {},
                           const QString& zip = {})
{
    CustomerIdentifiers p;
    p.userId = id;
    p.email = email;
    p.phone = phone;
    p.country = country;
    p.firstName = first;
    p.lastName = last;
    p.postalCode = zip;
    return p;
}

// n people with synthetic identifiers (example.com / example.org only), some with bad values.
QList<CustomerIdentifiers> crowd(int n)
{
    QList<CustomerIdentifiers> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        CustomerIdentifiers p;
        p.userId = QStringLiteral("u-%1").arg(i, 7, 10, QLatin1Char('0'));
        p.email = i % 10 == 3 ? QStringLiteral("broken-address-%1").arg(i)
                              : QStringLiteral("Person.%1+tag@%2").arg(i).arg(i % 2 ? QStringLiteral("example.org")
                                                                                      : QStringLiteral("example.com"));
        if (i % 3 == 0)
            p.phone = QStringLiteral("(415) %1-%2").arg(200 + i % 700).arg(i % 10000, 4, 10, QLatin1Char('0'));
        p.country = i % 7 == 0 ? QString() : QStringLiteral("US");
        p.firstName = QStringLiteral("Name%1").arg(i % 50);
        out.append(p);
    }
    return out;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

} // namespace

TEST(AudiencePreflight, CountsMembersCoverageAndWhatWasLeftOut)
{
    const auto n = normaliser(AudiencePlatform::Google);
    AudiencePreflightBuilder b(n->profile());
    b.add(n->normalise(person(QStringLiteral("a"), QStringLiteral("a@example.com"), QStringLiteral("+1 415 555 0123"), QStringLiteral("US"))));
    b.add(n->normalise(person(QStringLiteral("b"), QStringLiteral("not-an-address"), QStringLiteral("(415) 555-0124"), QStringLiteral("US"))));
    b.add(n->normalise(person(QStringLiteral("c"), QStringLiteral("also-not"), {}, QStringLiteral("US"), {}, {}, QStringLiteral("94043"))));
    const AudiencePreflight p = b.build(10);

    EXPECT_EQ(p.platform, AudiencePlatform::Google);
    EXPECT_TRUE(p.rules.contains(QStringLiteral("checked")));
    EXPECT_EQ(p.members, 10);
    EXPECT_EQ(p.membersWithIdentifiers, 3);
    EXPECT_EQ(p.matchableMembers, 2) << "c has only a country and a zip";
    ASSERT_EQ(p.coverage.size(), 6);
    EXPECT_EQ(p.coverage.at(0), (AudiencePreflight::KeyCoverage{QStringLiteral("Email"), 1, 10.0}));
    EXPECT_EQ(p.coverage.at(1), (AudiencePreflight::KeyCoverage{QStringLiteral("Phone"), 2, 20.0}));
    EXPECT_EQ(p.coverage.at(4), (AudiencePreflight::KeyCoverage{QStringLiteral("Country"), 2, 20.0}));
    EXPECT_EQ(p.coverage.at(5).values, 0) << "only matchable members' rows are counted";
    EXPECT_EQ(p.leftOut, (QList<AudiencePreflight::LeftOut>{{QStringLiteral("Email"), DropReason::NotAnEmail, 2}}));
    EXPECT_EQ(p.valuesLeftOut(), 2);

    ASSERT_FALSE(p.findings.isEmpty());
    EXPECT_TRUE(p.blocked());
    EXPECT_EQ(p.findings.at(0).severity, AudiencePreflight::Severity::Blocking);
    EXPECT_EQ(p.findings.at(0).code, QStringLiteral("too_few_members"));
    EXPECT_EQ(p.findings.at(0).message,
              QStringLiteral("Only 2 of the segment's 10 members can be matched (an e-mail, a phone, or a name with "
                             "country and zip). Google Ads needs at least 100 to use an audience: widen the segment or "
                             "add identifiers."));
    QStringList codes;
    for (const auto& f : p.findings)
        codes.append(f.code);
    EXPECT_EQ(codes, (QStringList{QStringLiteral("too_few_members"), QStringLiteral("no_identifiers"),
                                  QStringLiteral("nothing_to_match"), QStringLiteral("values_left_out")}));

    const QString text = p.lines().join(QLatin1Char('\n'));
    EXPECT_TRUE(text.contains(QStringLiteral("Members:                10"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Can be matched (rows):  2 (20.0 %)"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Email: not an e-mail address — 2"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("not-an-address"))) << "never quotes a value";
}

TEST(AudiencePreflight, ThePlatformMinimums)
{
    const auto n = normaliser(AudiencePlatform::Meta);
    auto preflightOf = [&](int matchable) {
        AudiencePreflightBuilder b(n->profile());
        for (int i = 0; i < matchable; ++i)
            b.add(n->normalise(person(QString::number(i), QStringLiteral("p%1@example.com").arg(i))));
        return b.build(matchable);
    };
    const AudiencePreflight p99 = preflightOf(99);
    EXPECT_TRUE(p99.blocked());
    const AudiencePreflight p100 = preflightOf(100);
    EXPECT_FALSE(p100.blocked());
    ASSERT_EQ(p100.findings.size(), 1);
    EXPECT_EQ(p100.findings.at(0).severity, AudiencePreflight::Severity::Advice);
    EXPECT_EQ(p100.findings.at(0).message,
              QStringLiteral("100 people can be matched. Meta matches only part of a list, and audiences under 1,000 "
                             "people often deliver poorly: consider widening the segment."));
    const AudiencePreflight p1000 = preflightOf(1000);
    EXPECT_FALSE(p1000.blocked());
    EXPECT_TRUE(p1000.findings.isEmpty());
    EXPECT_EQ(p1000.coverage.at(0).percent, 100.0);
}

TEST(AudiencePreflight, MergingChunksGivesTheSameCounts)
{
    const auto n = normaliser(AudiencePlatform::Google);
    const QList<CustomerIdentifiers> people = crowd(500);
    AudiencePreflightBuilder whole(n->profile());
    AudiencePreflightBuilder first(n->profile());
    AudiencePreflightBuilder second(n->profile());
    for (int i = 0; i < people.size(); ++i) {
        const NormalisedMember m = n->normalise(people.at(i));
        whole.add(m);
        (i < 200 ? first : second).add(m);
    }
    second.merge(first);
    EXPECT_EQ(second.build(600), whole.build(600));
}

TEST(AudienceExport, WritesExactlyThePlatformsHeaderAndRows)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("google.csv"));
    const QList<CustomerIdentifiers> people{
        person(QStringLiteral("u1"), QStringLiteral("Cloudy.SanFrancisco+shopping@GMail.com"), QStringLiteral("(800)555-0100"),
               QStringLiteral("US"), QStringLiteral("Alex"), QStringLiteral("Quinn"), QStringLiteral("94045")),
        person(QStringLiteral("u2"), QStringLiteral("nobody"), {}, QStringLiteral("GB")), // nothing to match
        person(QStringLiteral("u3"), {}, QStringLiteral("020 7183 8750"), QStringLiteral("gb")),
    };
    const AudienceExport exporter(normaliser(AudiencePlatform::Google));
    const Result<AudienceExportOutcome> blocked = exporter.run(5, people, path, false);
    ASSERT_TRUE(blocked) << blocked.error().toString().toStdString();
    EXPECT_FALSE(blocked.value().written);
    EXPECT_TRUE(blocked.value().preflight.blocked());
    EXPECT_FALSE(QFile::exists(path)) << "a blocked export writes nothing";

    const Result<AudienceExportOutcome> forced = exporter.run(5, people, path, true);
    ASSERT_TRUE(forced) << forced.error().toString().toStdString();
    EXPECT_TRUE(forced.value().written);
    EXPECT_EQ(forced.value().rows, 2);
    const QByteArray expected =
        "Email,Phone,First Name,Last Name,Country,Zip\r\n"
        "223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4,"
        "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30,"
        "4135aa9dc1b842a653dea846903ddb95bfb8c5a10c504a7fa16e10bc31d1fdf0,"
        "c512ca0c5c1e71be19f3356821e56732b5fb3ac894b0dbc5846d0b6920106fb3,US,94045\r\n"
        ",e631c2534428c6c9b48c2167604a8983046085e43a2c00ed748733c544c0bb4d,,,GB,\r\n";
    EXPECT_EQ(readAll(path), expected);

    const QString metaPath = dir.filePath(QStringLiteral("meta.csv"));
    const AudienceExport metaExporter(normaliser(AudiencePlatform::Meta));
    ASSERT_TRUE(metaExporter.run(5, people, metaPath, true));
    const QByteArray meta = readAll(metaPath);
    EXPECT_TRUE(meta.startsWith("email,phone,fn,ln,ct,st,zip,country,doby\r\n"));
    EXPECT_TRUE(meta.contains("8dd4a9bf850242873c14976125edabc35096192b784626a5641a7d2de56e3c1e,"
                              "92cfdc5fbcd4a20fbe5d3857af6c1aba31762105bba7f21a17155e920653046c,"));
    EXPECT_EQ(meta.count("\r\n"), 3);
    for (const QByteArray& raw : {QByteArray("Cloudy"), QByteArray("GMail"), QByteArray("nobody"), QByteArray("Alex"),
                                  QByteArray("555"), QByteArray("7183")}) {
        EXPECT_FALSE(meta.contains(raw)) << raw.constData();
        EXPECT_FALSE(readAll(path).contains(raw)) << raw.constData();
    }
}

TEST(AudienceExport, NormalisesInParallelAndKeepsTheMembersOrder)
{
    QThreadPool pool;
    pool.setMaxThreadCount(3);
    const auto n = normaliser(AudiencePlatform::Google);
    const QList<CustomerIdentifiers> people = crowd(3 * int(AudienceExport::kChunkSize) + 123);
    QList<qint64> seen;
    const Result<PreparedAudience> prepared =
        AudienceExport(n, &pool).prepare(people.size() + 50, people, [&](qint64 done, qint64 total) {
            EXPECT_EQ(total, people.size());
            seen.append(done);
            return true;
        });
    ASSERT_TRUE(prepared) << prepared.error().toString().toStdString();

    // The same rows, in the same order, as one thread normalising member after member.
    CsvWriter sequential;
    AudiencePreflightBuilder counts(n->profile());
    qint64 rows = 0;
    for (const CustomerIdentifiers& p : people) {
        const NormalisedMember m = n->normalise(p);
        counts.add(m);
        if (m.usable) {
            sequential.writeRow(m.row.values);
            ++rows;
        }
    }
    EXPECT_EQ(prepared.value().rows, rows);
    EXPECT_EQ(prepared.value().rowChunks.join(), sequential.takeData());
    EXPECT_EQ(prepared.value().preflight, counts.build(people.size() + 50));
    EXPECT_EQ(prepared.value().preflight.leftOut.at(0).reason, DropReason::NotAnEmail);

    ASSERT_FALSE(seen.isEmpty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.last(), people.size());
}

// What a sync sends is what the file holds: the same rows of the same members, value for value,
// the same pre-flight; and it stops as the export does.
TEST(AudienceExport, NormalisedRowsAreTheFilesRows)
{
    QThreadPool pool;
    pool.setMaxThreadCount(3);
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        const auto n = normaliser(platform);
        QList<CustomerIdentifiers> people = crowd(2 * int(AudienceExport::kChunkSize) + 77);
        for (qsizetype i = 0; i < people.size(); i += 97) // nothing to match on: not in the file, not sent
            people[i] = person(people.at(i).userId, QStringLiteral("nobody"));
        const AudienceExport exporter(n, &pool);
        const Result<PreparedAudience> file = exporter.prepare(people.size(), people);
        const Result<NormalisedAudience> sync = exporter.normalise(people.size(), people);
        ASSERT_TRUE(file && sync);
        EXPECT_EQ(sync.value().preflight, file.value().preflight);
        EXPECT_EQ(sync.value().rows.size(), file.value().rows);
        EXPECT_GT(file.value().rows, 0);
        EXPECT_LT(file.value().rows, people.size()) << "the crowd has people with nothing to match";
        CsvWriter csv;
        QStringList expectedIds;
        for (const CustomerIdentifiers& p : people) {
            const NormalisedMember m = n->normalise(p);
            if (m.usable)
                expectedIds.append(p.userId);
        }
        QStringList ids;
        for (const AudienceRow& row : sync.value().rows) {
            csv.writeRow(row.values);
            ids.append(row.userId);
        }
        EXPECT_EQ(csv.takeData(), file.value().rowChunks.join()) << audiencePlatformKey(platform).toStdString();
        EXPECT_EQ(ids, expectedIds) << "the members' order, their user_ids kept";

        const Result<NormalisedAudience> stopped =
            exporter.normalise(people.size(), people, [](qint64, qint64) { return false; });
        ASSERT_FALSE(stopped);
        EXPECT_EQ(stopped.error().kind, ErrorKind::Cancelled);
    }
}

TEST(AudienceExport, ACancelledExportLeavesNoFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audience.csv"));
    const QList<CustomerIdentifiers> people = crowd(20000);
    const AudienceExport exporter(normaliser(AudiencePlatform::Meta));

    // Cancelled while normalising.
    int calls = 0;
    const Result<AudienceExportOutcome> early = exporter.run(people.size(), people, path, false, [&](qint64, qint64) {
        return ++calls < 2;
    });
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(QFile::exists(path));

    // Cancelled while writing, over an earlier file: it stays as it was, no temporary file is left.
    {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write("the earlier file\n");
    }
    const Result<PreparedAudience> prepared = exporter.prepare(people.size(), people);
    ASSERT_TRUE(prepared);
    ASSERT_GT(prepared.value().rowChunks.size(), 2);
    qint64 lastDone = -1;
    const Status late = AudienceExport::write(prepared.value(), path, [&](qint64 done, qint64 total) {
        EXPECT_EQ(total, prepared.value().rows);
        lastDone = done;
        return done < total / 2;
    });
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().kind, ErrorKind::Cancelled);
    EXPECT_GT(lastDone, 0) << "it was cancelled part-way";
    EXPECT_EQ(readAll(path), QByteArray("the earlier file\n"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("audience.csv")});

    // Not cancelled: the file replaces the earlier one.
    ASSERT_TRUE(AudienceExport::write(prepared.value(), path));
    const QByteArray written = readAll(path);
    EXPECT_TRUE(written.startsWith("email,phone,fn,ln,ct,st,zip,country,doby\r\n"));
    EXPECT_EQ(written.count("\r\n"), prepared.value().rows + 1);
}

TEST(AudienceExport, AnUnwritableTargetIsAClearError)
{
    const QList<CustomerIdentifiers> people = crowd(200);
    const Result<AudienceExportOutcome> r =
        AudienceExport(normaliser(AudiencePlatform::Google)).run(200, people, QStringLiteral("/nonexistent-dir/a.csv"), false);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Io);
    EXPECT_TRUE(r.error().userMessage.contains(QStringLiteral("does not exist")));
}

// ---- the sync difference ------------------------------------------------------------------------

namespace {

AudienceRow row(const QString& id, const QString& email)
{
    return AudienceRow{id, {Sha256Hex::of(email), QString()}};
}

} // namespace

TEST(AudienceDelta, AddsWhatIsNewAndRemovesWhatIsGone)
{
    const QList<AudienceRow> before{row(QStringLiteral("1"), QStringLiteral("a@example.com")),
                                    row(QStringLiteral("2"), QStringLiteral("b@example.com")),
                                    row(QStringLiteral("3"), QStringLiteral("c@example.com"))};
    const std::vector<RowDigest> sent = AudienceDelta::between({}, before).sentAfter;
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_TRUE(std::is_sorted(sent.begin(), sent.end()));

    const QList<AudienceRow> now{row(QStringLiteral("3"), QStringLiteral("c@example.com")),
                                 row(QStringLiteral("4"), QStringLiteral("d@example.com")),
                                 row(QStringLiteral("1"), QStringLiteral("a@example.com")),
                                 row(QStringLiteral("5"), QStringLiteral("d@example.com"))}; // same values as 4
    const AudienceDelta d = AudienceDelta::between(sent, now);
    EXPECT_EQ(d.toAdd, (QList<qsizetype>{1}));
    ASSERT_EQ(d.toRemove.size(), 1u);
    EXPECT_EQ(d.toRemove.at(0), AudienceDelta::digestOf(before.at(1)));
    EXPECT_EQ(d.sentAfter.size(), 3u);
    EXPECT_EQ(AudienceDelta::between(d.sentAfter, now).toAdd, QList<qsizetype>{}) << "a second sync sends nothing";
    EXPECT_TRUE(AudienceDelta::between(d.sentAfter, now).toRemove.empty());

    const AudienceDelta gone = AudienceDelta::between(sent, QList<AudienceRow>{});
    EXPECT_EQ(gone.toRemove, sent);
    EXPECT_TRUE(gone.sentAfter.empty());
}

TEST(AudienceDelta, TheSentSetPacksAndUnpacks)
{
    std::vector<RowDigest> digests;
    for (int i = 0; i < 50; ++i)
        digests.push_back(AudienceDelta::digestOf(row(QString::number(i), QStringLiteral("p%1@example.com").arg(i))));
    std::vector<RowDigest> sorted = digests;
    std::sort(sorted.begin(), sorted.end());
    const Result<std::vector<RowDigest>> back = AudienceDelta::unpack(AudienceDelta::pack(digests));
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value(), sorted);
    EXPECT_EQ(AudienceDelta::pack(sorted).size(), 50 * 32);
    const Result<std::vector<RowDigest>> damaged = AudienceDelta::unpack(QByteArray(33, 'x'));
    ASSERT_FALSE(damaged);
    EXPECT_EQ(damaged.error().code, QStringLiteral("sent_set_damaged"));
}

// The digest is what the sent sets already stored hold: SHA-256 over "<UTF-8 length>:<UTF-8
// bytes>" of every value in order, computed here by hand with Qt's own SHA-256.
TEST(AudienceDelta, TheRowDigestIsSha256OfTheLengthPrefixedUtf8Values)
{
    const auto reference = [](const QStringList& values) {
        QByteArray bytes;
        for (const QString& v : values) {
            const QByteArray utf8 = v.toUtf8();
            bytes += QByteArray::number(utf8.size()) + ':' + utf8;
        }
        return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    };
    const QList<QStringList> cases{
        {},
        {QString()},
        {QString(), QString(), QString()},
        {Sha256Hex::of(u"a@example.com"), QString(), QStringLiteral("US"), QStringLiteral("94045")},
        {QStringLiteral("ab"), QStringLiteral("c")},
        {QStringLiteral("a"), QStringLiteral("bc")},
        {QStringLiteral("Zoë"), QStringLiteral("Łódź"), QStringLiteral("東京"), QStringLiteral("😀")}, // 2-, 3- and 4-byte UTF-8
        {QString(700, QLatin1Char('x')), QString(500, QChar(0x00e9))}, // more than the stack buffer
        {QString(1200, QLatin1Char('y'))},
    };
    QSet<QByteArray> seen;
    for (const QStringList& values : cases) {
        const AudienceRow row{QStringLiteral("u1"), values};
        const QByteArray expected = reference(values);
        EXPECT_EQ(row.digest(), expected) << values.join(QLatin1Char('|')).left(60).toStdString();
        const AudienceRow::Digest bytes = row.digestBytes();
        EXPECT_EQ(QByteArray(reinterpret_cast<const char*>(bytes.data()), 32), expected);
        EXPECT_EQ(AudienceDelta::digestOf(row), bytes);
        seen.insert(expected);
    }
    EXPECT_EQ(seen.size(), cases.size()) << "length prefixes keep (\"ab\",\"c\") apart from (\"a\",\"bc\")";
    // Known bytes: SHA-256("2:ab1:c").
    EXPECT_EQ(AudienceRow({QString(), {QStringLiteral("ab"), QStringLiteral("c")}}).digest().toHex(),
              QCryptographicHash::hash("2:ab1:c", QCryptographicHash::Sha256).toHex());
}
