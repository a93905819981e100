// What `svcadv verify` asks a node's BIRD, apart from the command line so that a unit test can
// hold it against a recording fake of the control socket.
#pragma once

#include "svcadv/routes/bird_drift.h"
#include "svcadv/sys/bird_control.h"

namespace svcadv::cmd {

// The static routes of BIRD's Static protocols and what it exports to each BGP peer, asked with
// read-only commands only: `show protocols`, `show route protocol NAME` and `show route export
// NAME` (for protocols that are up: one that is down holds and exports nothing). An error reply or a reply that is not BIRD's is an Error naming the
// command.
BirdObservation observeBird(BirdControl& bird, int family);

}  // namespace svcadv::cmd
