// Secrets never reach a log: the redaction applied to every log line.
#include "logging/logging.h"

#include <gtest/gtest.h>

TEST(Redaction, RemovesTokensSecretsAndSignatures)
{
    const QString token = QStringLiteral("dapi0123456789abcdef0123456789abcdef");
    const struct
    {
        QString input;
        QString secret;
    } cases[] = {
        {QStringLiteral("using token ") + token, token},
        {QStringLiteral("Authorization: Bearer eyJhbGciOi.payload.sig"), QStringLiteral("eyJhbGciOi.payload.sig")},
        {QStringLiteral("grant_type=client_credentials&client_secret=s3cr3t-value&scope=all"), QStringLiteral("s3cr3t-value")},
        {QStringLiteral(R"({"access_token": "abc.def.ghi", "expires_in": 3600})"), QStringLiteral("abc.def.ghi")},
        {QStringLiteral("https://bucket.s3.amazonaws.com/x?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA/123"), QStringLiteral("deadbeef")},
        {QStringLiteral("refresh_token=rt-999"), QStringLiteral("rt-999")},
    };
    for (const auto& c : cases) {
        const QString out = core::logging::redact(c.input);
        EXPECT_EQ(out.indexOf(c.secret), -1) << out.toStdString();
        EXPECT_NE(out.indexOf(QStringLiteral("[REDACTED]")), -1) << out.toStdString();
    }
}

TEST(Redaction, LeavesOrdinaryTextAlone)
{
    const QString text = QStringLiteral("QSqlDatabasePrivate::database: connection 'workspace-1' is still in use; "
                                        "segment “Codes & Tokens” saved");
    EXPECT_EQ(core::logging::redact(text), text);
}
