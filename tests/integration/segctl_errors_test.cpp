// `segctl errors`, the troubleshooting guide printed from the error table, end to end: the
// committed docs/troubleshooting.md is its output byte for byte (so the guide cannot drift from
// the code), the JSON form carries every entry, and an error that reaches segctl's error line
// without a remediation of its own gets its entry's fix.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "common/error_catalogue.h"
#include "support/segctl_process.h"

namespace {

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST(SegctlErrors, TheCommittedGuideIsTheCommandsOutput)
{
    QTemporaryDir home;
    const SegctlRun r = runSegctl(
        home.path(), {QStringLiteral("errors"), QStringLiteral("--format"), QStringLiteral("markdown")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.isEmpty()) << r;
    const QByteArray committed = readBytes(QStringLiteral(SB_SOURCE_DIR "/docs/troubleshooting.md"));
    ASSERT_FALSE(committed.isEmpty()) << "docs/troubleshooting.md is missing";
    EXPECT_TRUE(committed == r.out) << "docs/troubleshooting.md differs from `segctl errors --format "
                                       "markdown`: run `make docs` and commit it";
    // Markdown is the default.
    EXPECT_EQ(runSegctl(home.path(), {QStringLiteral("errors")}).out, r.out);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("### `name_taken`")));
}

TEST(SegctlErrors, JsonCarriesEveryEntryByArea)
{
    QTemporaryDir home;
    const SegctlRun r = runSegctl(
        home.path(), {QStringLiteral("errors"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << r;
    const QJsonArray areas = doc.object().value(QStringLiteral("areas")).toArray();
    EXPECT_EQ(areas.size(), 8);
    EXPECT_EQ(areas.first().toObject().value(QStringLiteral("title")).toString(),
              QStringLiteral("Workspace & files"));
    qsizetype entries = 0;
    QStringList codes;
    for (const QJsonValue& a : areas) {
        for (const QJsonValue& e : a.toObject().value(QStringLiteral("entries")).toArray()) {
            const QJsonObject o = e.toObject();
            ++entries;
            EXPECT_FALSE(o.value(QStringLiteral("fix")).toString().isEmpty());
            EXPECT_FALSE(o.value(QStringLiteral("cause")).toString().isEmpty());
            for (const QJsonValue& c : o.value(QStringLiteral("codes")).toArray())
                codes.append(c.toString());
        }
    }
    EXPECT_EQ(entries, core::ErrorCatalogue::entries().size());
    EXPECT_TRUE(codes.contains(QStringLiteral("network_*")));
    EXPECT_TRUE(codes.contains(QStringLiteral("42501")));
    EXPECT_FALSE(doc.object().value(QStringLiteral("without_code")).toArray().isEmpty());
}

TEST(SegctlErrors, AnErrorWithoutItsOwnRemediationGetsTheTablesFix)
{
    // Saving a segment for an advertiser the workspace does not have: the store says so
    // (advertiser_unknown) without a remediation; the error line carries the table's fix.
    QTemporaryDir home;
    const QString file = home.filePath(QStringLiteral("segment.json"));
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"advertiser_id": "adv-nobody", "name": "Loyal buyers", "status": "draft",
               "definition": {"schema_version": 1, "root": {"op": "and", "children": [
                 {"dimension": "country", "values": ["US"]}]}}})");
    f.close();
    const SegctlRun r =
        runSegctl(home.path(), {QStringLiteral("segments"), QStringLiteral("save"), file,
                                QStringLiteral("--workspace"), home.filePath(QStringLiteral("ws.sqlite"))});
    EXPECT_EQ(r.exitCode, 2) << r;
    const core::ErrorCatalogueEntry* entry = core::ErrorCatalogue::find(QStringLiteral("advertiser_unknown"));
    ASSERT_NE(entry, nullptr);
    EXPECT_TRUE(r.errText().contains(QStringLiteral("adv-nobody"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral(" — ") + QString::fromUtf8(entry->fix))) << r;
    EXPECT_EQ(r.errText().count(QLatin1Char('\n')), 1) << "one line: " << r;
}
