// crd.projectcalico.org/v1 <-> projectcalico.org/v3, as Calico's Kubernetes backend converts.
#include <doctest/doctest.h>

#include "svcadv/model/calico_crd.h"

using namespace svcadv;

TEST_CASE("uid bit reversal keeps the version and variant bytes and is its own inverse") {
    std::string uid = "00000000-0000-4000-8000-000000000001";
    std::string reversed = reverseUidBits(uid);
    CHECK(reversed == "00000000-0000-4000-8000-000000000080");
    CHECK(reverseUidBits("01020304-0506-4708-8900-aabbccddeeff") ==
          "8040c020-a060-4710-8900-55dd33bb77ff");
    CHECK(reverseUidBits(reversed) == uid);
    CHECK(reverseUidBits("not-a-uid") == "not-a-uid");
}

TEST_CASE("crd.projectcalico.org/v1 <-> v3: metadata in the annotation, labels merged") {
    json cr = json::parse(R"({
      "apiVersion": "crd.projectcalico.org/v1", "kind": "BGPConfiguration",
      "metadata": {"name": "default", "resourceVersion": "42",
                   "uid": "01020304-0506-4708-8900-aabbccddeeff",
                   "creationTimestamp": "2026-01-01T00:00:00Z",
                   "labels": {"a": "cr", "b": "cr"},
                   "annotations": {"projectcalico.org/metadata":
                     "{\"creationTimestamp\":\"2025-05-05T00:00:00Z\",\"labels\":{\"b\":\"v3\",\"c\":\"v3\"}}"}},
      "spec": {"asNumber": 64512}})");
    json v3 = crdToV3(cr);
    CHECK(v3["apiVersion"] == "projectcalico.org/v3");
    CHECK(v3["metadata"]["labels"] == json({{"a", "cr"}, {"b", "v3"}, {"c", "v3"}}));
    CHECK(v3["metadata"]["creationTimestamp"] == "2025-05-05T00:00:00Z");
    CHECK(v3["metadata"]["resourceVersion"] == "42");
    CHECK(v3["metadata"]["uid"] == "8040c020-a060-4710-8900-55dd33bb77ff");
    CHECK_FALSE(v3["metadata"].contains("annotations"));
    CHECK(v3["spec"]["asNumber"] == 64512);

    json back = v3ToCrd(v3);
    CHECK(back["apiVersion"] == "crd.projectcalico.org/v1");
    CHECK(back["metadata"]["uid"] == "01020304-0506-4708-8900-aabbccddeeff");
    CHECK(back["metadata"]["name"] == "default");
    CHECK_FALSE(back["metadata"].contains("labels"));
    CHECK(crdToV3(back)["metadata"] == v3["metadata"]);
}
