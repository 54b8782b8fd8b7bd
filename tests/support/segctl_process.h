#pragma once

// Runs the real segctl binary (build/bin/segctl) as a process, for end-to-end tests, and the
// checks every such test makes on its outcome.
#include <ostream>

#include <gtest/gtest.h>

#include <QByteArray>
#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

struct SegctlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

inline std::ostream& operator<<(std::ostream& os, const SegctlRun& r)
{
    return os << "exit " << r.exitCode << "\n--- stdout:\n"
              << r.out.left(3000).toStdString() << "\n--- stderr:\n"
              << r.err.toStdString();
}

// Runs segctl in home with a private home there (data, config, logs) and user "cli-tester".
inline SegctlRun runSegctl(const QString& home, const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("USER"), QStringLiteral("cli-tester"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(home);
    p.start(QStringLiteral(SB_BIN_DIR "/segctl"), args);
    SegctlRun r;
    if (!p.waitForStarted(10000)) {
        ADD_FAILURE() << "segctl did not start: " << p.errorString().toStdString();
        return r;
    }
    if (!p.waitForFinished(180000)) {
        p.kill();
        ADD_FAILURE() << "segctl did not finish: " << args.join(QLatin1Char(' ')).toStdString();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The environment for segctl against a Databricks workspace a test provides: no DATABRICKS_*
// variables of the machine, HOME and DATABRICKS_CONFIG_FILE (home/.databrickscfg), data and
// config folders under dir, user "cli-tester".
inline QProcessEnvironment databricksTestEnvironment(const QString& home, const QString& dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        if (key.startsWith(QLatin1String("DATABRICKS_")))
            env.remove(key);
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), QDir(home).filePath(QStringLiteral(".databrickscfg")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(dir).filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(dir).filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("USER"), QStringLiteral("cli-tester"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

// Runs segctl with env in workingDir while this thread's event loop keeps running, for servers
// that live in the test process (the Databricks emulator).
inline SegctlRun runSegctlServing(const QString& workingDir, const QProcessEnvironment& env, const QStringList& args,
                                  int timeoutMs = 240000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(workingDir);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(SB_BIN_DIR "/segctl"), args);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
        ADD_FAILURE() << "segctl did not finish: " << args.join(QLatin1Char(' ')).toStdString();
    }
    SegctlRun r;
    r.exitCode =
        p.exitStatus() == QProcess::NormalExit && p.error() != QProcess::FailedToStart ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A failed run: the expected code, nothing on stdout, exactly one line on stderr.
inline void expectError(const SegctlRun& r, int exitCode, const QString& mentions = {})
{
    EXPECT_EQ(r.exitCode, exitCode) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;
    EXPECT_TRUE(r.err.startsWith("segctl: error: ")) << r;
    EXPECT_EQ(r.err.count('\n'), 1) << "errors are one line\n" << r;
    if (!mentions.isEmpty()) {
        EXPECT_TRUE(r.errText().contains(mentions))
            << "stderr should mention " << mentions.toStdString() << "\n"
            << r;
    }
}

inline void expectOk(const SegctlRun& r)
{
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.isEmpty()) << r;
}
