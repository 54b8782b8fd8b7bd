#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "export/atomic_file.h"

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

void writePlain(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    ASSERT_EQ(f.write(bytes), bytes.size());
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                               QDir::Name);
}

TEST(AtomicFile, WritesANewFileWithExactlyTheBytes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    const QByteArray bytes("a,b\r\n\xEF\xBB\xBF\0tail", 13);
    ASSERT_TRUE(core::writeFileAtomically(path, bytes).ok());
    EXPECT_TRUE(readAll(path) == bytes);
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("out.csv")}) << "no temporary file may remain";
}

TEST(AtomicFile, ReplacesAnExistingFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    writePlain(path, "old content that is longer than the new one");
    ASSERT_TRUE(core::writeFileAtomically(path, "new").ok());
    EXPECT_EQ(readAll(path).toStdString(), "new");
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("out.json")});
}

TEST(AtomicFile, PathThatIsAFolderFailsAndChangesNothing)
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("folder"));
    ASSERT_TRUE(QDir().mkdir(target));
    writePlain(QDir(target).filePath(QStringLiteral("inside.txt")), "keep");

    const auto status = core::writeFileAtomically(target, "bytes");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
    EXPECT_TRUE(status.error().userMessage.contains(target)) << status.error().userMessage.toStdString();
    EXPECT_TRUE(status.error().userMessage.contains(QStringLiteral("folder")));
    EXPECT_FALSE(status.error().remediation.isEmpty());
    EXPECT_EQ(entries(target), QStringList{QStringLiteral("inside.txt")});
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("folder")});
}

TEST(AtomicFile, MissingFolderFailsAndCreatesNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/dir/out.csv"));
    const auto status = core::writeFileAtomically(path, "bytes");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
    EXPECT_TRUE(status.error().userMessage.contains(path)) << status.error().userMessage.toStdString();
    EXPECT_TRUE(status.error().userMessage.contains(QStringLiteral("does not exist")));
    EXPECT_TRUE(entries(dir.path()).isEmpty());
}

TEST(AtomicFile, ReadOnlyFolderLeavesTheTargetUnchanged)
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("locked"));
    ASSERT_TRUE(QDir().mkdir(folder));
    const QString path = QDir(folder).filePath(QStringLiteral("out.csv"));
    writePlain(path, "original");
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    // root ignores permissions: find out whether the folder really refuses writes.
    QFile probe(QDir(folder).filePath(QStringLiteral("probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        probe.close();
        probe.remove();
        QFile::setPermissions(folder,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        GTEST_SKIP() << "running with privileges that ignore folder permissions";
    }

    const auto status = core::writeFileAtomically(path, "replacement");
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
    EXPECT_TRUE(status.error().userMessage.contains(path));
    EXPECT_EQ(readAll(path).toStdString(), "original");
    EXPECT_EQ(entries(folder), QStringList{QStringLiteral("out.csv")});
}

#ifdef Q_OS_LINUX
// Works even as root: /proc accepts no new files, so the temporary file cannot be made.
TEST(AtomicFile, UnwritableFolderEvenForRootLeavesTheTargetUnchanged)
{
    const QString path = QStringLiteral("/proc/version");
    const QByteArray before = readAll(path);
    ASSERT_FALSE(before.isEmpty());
    const auto status = core::writeFileAtomically(path, "replacement");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
    EXPECT_TRUE(status.error().userMessage.contains(path));
    EXPECT_EQ(readAll(path), before);
}
#endif

TEST(AtomicFile, EmptyPathIsAnError)
{
    const auto status = core::writeFileAtomically(QString(), "x");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
}

} // namespace
