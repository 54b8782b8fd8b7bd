#include "databricks/auth/auth_provider.h"

namespace core {

AuthProvider::AuthProvider(QObject* parent) : QObject(parent) {}

AuthProvider::~AuthProvider() = default;

} // namespace core
