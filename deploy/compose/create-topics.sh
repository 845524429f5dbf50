#!/bin/bash
# One-shot topic creation for the compose stack (service `topics`), run in the apache/kafka image.
# Names and configs are TopicPlan's (deploy/src/main/java/io/mmsguard/deploy/TopicPlan.java); partition counts are
# production sizes; every topic has 3 replicas and min.insync.replicas 2. TopicManifestsTest holds this file equal
# to TopicPlan and to k8s/base/kafka-topics.yaml. max.message.bytes is io.mmsguard.schemas.MessageSize's record size
# (16 MiB of content plus the envelope); MessageSizeManifestsTest holds every copy of it to that figure.
# Existing topics are left as they are (--if-not-exists), except mms.inbound's timestamp type and mms.archive's
# retention below.
# ARCHIVE_RETENTION_MS (compose passes it from the shell or .env): how long mms.archive keeps subscribers' messages;
# the default is TopicPlan.ARCHIVE_RETENTION, 30 days (docs/security.md, "The archive").
set -euo pipefail
# It connects to the brokers' internal listener with the broker certificate (mTLS, the super user), and creates the
# SCRAM-SHA-512 user of every AccessPlan principal from the KAFKA_<ROLE>_PASSWORD variables; the `acls` service then
# grants them their ACLs (mmsguard acl apply).
BOOTSTRAP="${BOOTSTRAP:-kafka-1:9094,kafka-2:9094,kafka-3:9094}"
TOPICS=/opt/kafka/bin/kafka-topics.sh
ADMIN=/tmp/admin.properties
KEYSTORE_PASSWORD="$(cat /etc/kafka/secrets/keystore-password)"
cat > "$ADMIN" <<PROPERTIES
security.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.location=/etc/kafka/secrets/broker.p12
ssl.keystore.password=$KEYSTORE_PASSWORD
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/kafka/secrets/truststore.p12
ssl.truststore.password=$KEYSTORE_PASSWORD
PROPERTIES
TOPICS="$TOPICS --command-config $ADMIN"

until $TOPICS --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  echo "waiting for Kafka at $BOOTSTRAP"
  sleep 2
done

create() {
  $TOPICS --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --replication-factor 3 \
    --config min.insync.replicas=2 "$@"
}

create --topic mms.inbound --partitions 12 --config retention.ms=604800000 --config max.message.bytes=17825792 --config message.timestamp.type=LogAppendTime
# The one config corrected on an existing topic too: the topology judges session expiry from the broker's append time
# (docs/architecture.md, "Expired sessions"); a topic created by an older release still has CreateTime.
/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --alter --entity-type topics --entity-name mms.inbound \
  --add-config message.timestamp.type=LogAppendTime
# mms.decisions: at least (gateway instances x gateway.partitions-per-gateway) partitions; the compose gateway owns 0-1.
create --topic mms.decisions --partitions 8 --config retention.ms=3600000
create --topic mms.profiles --partitions 1 --config cleanup.policy=compact --config min.compaction.lag.ms=0
create --topic mms.endpoint-lists --partitions 1 --config cleanup.policy=compact --config min.compaction.lag.ms=0
create --topic mms.config-audit --partitions 1 --config cleanup.policy=delete --config retention.ms=34560000000
create --topic mms.config-status --partitions 1 --config cleanup.policy=compact --config min.compaction.lag.ms=0
create --topic mms.archive --partitions 12 --config retention.ms=${ARCHIVE_RETENTION_MS:-2592000000} --config max.message.bytes=17825792
# The operator's retention applies to an existing archive too: shortening it deletes older messages.
/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name mms.archive \
  --add-config retention.ms=${ARCHIVE_RETENTION_MS:-2592000000}
create --topic mms.alerts --partitions 6 --config retention.ms=604800000
create --topic mms.inspection-log --partitions 12 --config retention.ms=604800000
# Operators' resets: as many partitions as mms.inbound (the sender stage reads both in one task); a year: the audit trail.
create --topic mms.state-resets --partitions 12 --config retention.ms=31536000000 --config message.timestamp.type=LogAppendTime
# A shadow profile's would-be decisions (mmsguard shadow report): a week, like the inspection log.
create --topic mms.shadow-log --partitions 3 --config retention.ms=604800000
create --topic mms.notices --partitions 6 --config retention.ms=604800000
create --topic mms.notices-dead --partitions 3 --config retention.ms=2592000000

# user NAME VARIABLE: the SCRAM-SHA-512 credential of an AccessPlan principal (KafkaSecurityManifestsTest checks the
# list), its password from the environment (deploy/compose/.env), never from a file in the repository.
user() {
  local password="${!2:?set $2 (deploy/compose/.env)}"
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]"
}
user mmsguard-inspection KAFKA_INSPECTION_PASSWORD
user mmsguard-gateway KAFKA_GATEWAY_PASSWORD
user mmsguard-notifier KAFKA_NOTIFIER_PASSWORD
user mmsguard-operator KAFKA_OPERATOR_PASSWORD
user mmsguard-analyst KAFKA_ANALYST_PASSWORD
user mmsguard-registry KAFKA_REGISTRY_PASSWORD
echo "mmsguard topics and users ready"
