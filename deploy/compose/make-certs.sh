#!/bin/bash
# One-shot certificate step of the compose stack (service `certs`, apache/kafka image: keytool of its JRE). Makes, once,
# a CA and one broker certificate (CN=kafka-broker, for kafka-1..3) in the volume kafka-certs (PKCS12, password
# $KAFKA_KEYSTORE_PASSWORD, in the layout the apache/kafka image reads from /etc/kafka/secrets), and the CA alone as
# PEM in the volume kafka-ca, which the services and the registry mount. The brokers authenticate one another and
# the controllers with that certificate (mTLS; User:CN=kafka-broker is the super user); clients use SASL_SSL.
# Delete both volumes to issue new ones. docs/security.md, "Kafka and the registry".
set -euo pipefail
: "${KAFKA_KEYSTORE_PASSWORD:?set KAFKA_KEYSTORE_PASSWORD (deploy/compose/.env)}"
CERTS=/certs
CA_OUT=/ca
if [[ -f "$CERTS/broker.p12" && -f "$CA_OUT/ca.crt" ]]; then
  echo "certificates exist"
  exit 0
fi
KT=keytool
P="$KAFKA_KEYSTORE_PASSWORD"
cd "$(mktemp -d)"
$KT -genkeypair -alias ca -keyalg EC -groupname secp256r1 -validity 3650 -dname "CN=mmsguard compose CA" \
  -ext bc:c -ext ku:c=keyCertSign,cRLSign -keystore ca.p12 -storetype PKCS12 -storepass "$P"
$KT -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$P" -file ca.crt
$KT -genkeypair -alias broker -keyalg EC -groupname secp256r1 -validity 825 -dname "CN=kafka-broker" \
  -keystore broker.p12 -storetype PKCS12 -storepass "$P"
$KT -certreq -alias broker -keystore broker.p12 -storepass "$P" -file broker.csr
$KT -gencert -alias ca -keystore ca.p12 -storepass "$P" -infile broker.csr -outfile broker.crt -rfc -validity 825 \
  -ext ku=digitalSignature -ext eku=serverAuth,clientAuth -ext san=dns:kafka-1,dns:kafka-2,dns:kafka-3,dns:localhost
$KT -importcert -noprompt -alias ca -file ca.crt -keystore broker.p12 -storepass "$P"
$KT -importcert -alias broker -file broker.crt -keystore broker.p12 -storepass "$P"
$KT -importcert -noprompt -alias ca -file ca.crt -keystore truststore.p12 -storetype PKCS12 -storepass "$P"
printf '%s' "$P" > keystore-password
cp broker.p12 truststore.p12 keystore-password "$CERTS/"
cp ca.crt "$CA_OUT/ca.crt"
chmod 0644 "$CA_OUT/ca.crt"
echo "certificates issued"
