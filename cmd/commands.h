// One register function per command; each lives in its own file.
#pragma once

#include "common.h"

namespace svcadv::cmd {

void registerGet(CommandContext& context);
void registerCreate(CommandContext& context);
void registerApply(CommandContext& context);
void registerReplace(CommandContext& context);
void registerDelete(CommandContext& context);
void registerPatch(CommandContext& context);
void registerValidate(CommandContext& context);
void registerCidr(CommandContext& context);
void registerPreviewRoutes(CommandContext& context);
void registerSnapshot(CommandContext& context);
void registerLabelExclude(CommandContext& context);
void registerCompletion(CommandContext& context);
void registerVersion(CommandContext& context);
// The Git commit svcadv was built from (only version.cpp is compiled with it).
const char* builtFromCommit();

}  // namespace svcadv::cmd
