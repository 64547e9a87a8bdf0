/** The DG example manifests (reference 2.10), shared by the manifest tests. */

export const ADDRESS = `returnAddress:
    name: Jane Roe
    street1: 123 Any Street
    city: Anytown
    stateOrProvince: WA
    postalCode: 91011-1111
    phoneNumber: 206-555-1111
    country: USA
`;

export const S3_IMPORT_MINIMAL = `manifestVersion: 2.0
accessKeyId: AKIAIOSFODNN7EXAMPLE
bucket: myBucket
deviceId: 49382
eraseDevice: yes
returnAddress:
    name: Amazon.com ATTN Joe Random
    street1: 120 Nosuch Ave S.
    city: Seattle
    stateOrProvince: WA
    postalCode: 91111
    phoneNumber: 206-266-0000
    country: USA
`;

export const S3_IMPORT_FULL = `manifestVersion: 2.0
generator: AWS ImportExport Web Service Tool 1.0
accessKeyId: AKIAIOSFODNN7EXAMPLE
bucket: myBucket
prefix: imported/
logBucket: my-log-bucket
logPrefix: logs/
deviceId: ABCDE
eraseDevice: yes
notificationEmail: john.doe@example.com;jane.roe@example.com
serviceLevel: expeditedShipping
acl: private
cacheControl: max-age=3600
setContentEncodingForGzFiles: yes
trueCryptPassword: password123
ignore:
  - .*~$
  - .*\\.swp$
  - ^backup/
returnAddress:
    name: Joe Random
    company: Amazon Web Services
    street1: 123 Any Street
    city: Anytown
    stateOrProvince: WA
    postalCode: 91111
    phoneNumber: 555-555-0100
    country: USA
`;

export const S3_EXPORT = `manifestVersion: 2.0
accessKeyId: AKIAIOSFODNN7EXAMPLE
deviceId: HD001
fileSystem: NTFS
logBucket: my-log-bucket
trueCryptPassword: s3cr3t
recoveryDirectory: LostAndFound
operations:
  - exportBucket: mybucket
    prefix: images
    beginMarker: images/starwars/jedi.jpg
    endMarker: images/starwars/masterwindoo.jpg
  - exportBucket: mybucket
    prefix: html
  - exportBucket: lost
  - exportBucket: threescompany
    prefix: images
    targetDirectory: myexport/stuff
returnAddress:
    name: Jane Roe
    company: Example Corp.
    street1: 123 Any Street
    street2: Suite 100
    city: Anytown
    stateOrProvince: WA
    postalCode: 91011-1111
    phoneNumber: 206-555-1111
    country: USA
`;

export const GLACIER = `manifestVersion: 3.0
accessKeyId: AKIAIOSFODNN7EXAMPLE
deviceId: 532404500021
logBucket: my-log-bucket
eraseDevice: yes
notificationEmail: john.doe@example.com
operations:
  - destination: glacier
    source: device
    region: us-east-1
    vaultName: 2012-07_archive
    archiveComment: daily_2012-07-24
${ADDRESS}`;

export const EBS = `manifestVersion: 3.0
accessKeyId: AKIAIOSFODNN7EXAMPLE
deviceId: 532404500021
logBucket: my-log-bucket
eraseDevice: yes
operations:
  - destination: ebsSnapshot        # token unconfirmed
    source: device
    region: us-east-1
    deviceCapacityGreaterThan1TB: no  # name unconfirmed
${ADDRESS}`;
