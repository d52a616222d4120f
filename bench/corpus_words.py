"""Word lists for bench/gen_corpus.py: invented Indonesian news vocabulary.

Everything here is written for this generator: outlet names and hosts are invented (hosts end
in `.example`, a name reserved for examples, so no generated link points at a real site), and
reporters' names are built from common Indonesian given names and family names.
"""

# Sections of a news site: (name, share of articles in percent).
CATEGORIES = [
    ("Politik", 22),
    ("Ekonomi", 20),
    ("Hukum", 14),
    ("Olahraga", 14),
    ("Internasional", 11),
    ("Teknologi", 10),
    ("Hiburan", 9),
]

# Outlets: (name, host, URL style). Listed from the largest to the smallest; the generator
# gives them a Zipf-like share of the articles in this order.
# URL styles: "date" = /<section>/YYYY/MM/DD/<slug>, "id" = /read/<number>/<slug>,
# "berita" = /berita/<number>-<slug>, "dated-id" = /YYYY/MM/DD/<number>/<slug>.
OUTLETS = [
    ("Warta Samudra", "www.wartasamudra.example", "date"),
    ("Lintas Cakrawala", "lintascakrawala.example", "id"),
    ("Kabar Tanjung", "www.kabartanjung.example", "dated-id"),
    ("Gema Khatulistiwa", "gemakhatulistiwa.example", "berita"),
    ("Sorot Andalas", "www.sorotandalas.example", "date"),
    ("Detak Priangan", "news.detakpriangan.example", "id"),
    ("Harian Lembah Hijau", "www.lembahhijau.example", "date"),
    ("Suara Teluk Biru", "suaratelukbiru.example", "berita"),
    ("Pelangi Borneo", "www.pelangiborneo.example", "dated-id"),
    ("Berita Selat", "beritaselat.example", "id"),
    ("Jendela Celebes", "www.jendelacelebes.example", "date"),
    ("Corong Bahari", "coronbahari.example", "berita"),
    ("Kilas Merapi", "www.kilasmerapi.example", "id"),
    ("Lentera Timur", "lenteratimur.example", "date"),
    ("Nadi Kota", "www.nadikota.example", "dated-id"),
    ("Warta Dermaga", "wartadermaga.example", "berita"),
    ("Obor Sriwijaya", "www.oborsriwijaya.example", "date"),
    ("Kabar Lereng", "kabarlereng.example", "id"),
    ("Suluh Minahasa", "www.suluhminahasa.example", "date"),
    ("Ruang Warta", "ruangwarta.example", "berita"),
    ("Layar Nusa", "www.layarnusa.example", "dated-id"),
    ("Titik Temu News", "titiktemunews.example", "id"),
    ("Sinyal Pagi", "www.sinyalpagi.example", "date"),
    ("Mercu Barat", "mercubarat.example", "berita"),
    ("Arus Kapuas", "www.aruskapuas.example", "date"),
    ("Gerbang Sumbawa", "gerbangsumbawa.example", "id"),
    ("Seruan Rinjani", "www.seruanrinjani.example", "dated-id"),
    ("Halaman Depan", "halamandepan.example", "date"),
    ("Bidik Musi", "www.bidikmusi.example", "berita"),
    ("Cermat Daily", "cermatdaily.example", "id"),
    ("Kabar Ngarai", "www.kabarngarai.example", "date"),
    ("Jejak Halmahera", "jejakhalmahera.example", "date"),
    ("Wajah Mahakam", "www.wajahmahakam.example", "id"),
    ("Pantau Batanghari", "pantaubatanghari.example", "berita"),
    ("Ulas Tuntas", "www.ulastuntas.example", "dated-id"),
    ("Pena Bengawan", "penabengawan.example", "date"),
]

GIVEN_NAMES = """
Adi Agus Agung Ahmad Aisyah Andi Anggi Anisa Arief Aryo Ayu Bagus Bambang Bayu Budi Cahya
Citra Danu Dedi Desi Dewi Dian Dimas Dina Eka Elsa Endah Erwin Fajar Fani Farhan Fitri Galih
Gilang Hana Hendra Heru Ika Ilham Indah Indra Intan Irfan Joko Kartika Krisna Laras Lina
Lukman Maya Mega Nanda Nia Novi Nurul Oki Putri Rafi Rahmat Rani Reza Rina Rizki Rudi Sari
Satria Sekar Sinta Siti Slamet Taufik Tika Tri Umar Wahyu Wulan Yoga Yudi Yuni Zahra
""".split()

FAMILY_NAMES = """
Anggraini Ardiansyah Batubara Damanik Fauzi Firmansyah Ginting Gunawan Hakim Harahap
Hasibuan Hidayat Irawan Kurniawan Kusuma Lestari Lubis Mahendra Maharani Manurung Marpaung
Nasution Nugroho Nurhaliza Pane Pangaribuan Permana Prasetyo Pratama Purba Purnomo Putra
Rahman Rahmawati Ramadhan Saputra Sembiring Setiadi Setiawan Siagian Sihombing Simanjuntak
Sinaga Siregar Sitompul Suryadi Susanti Syahputra Tambunan Tanjung Utami Wahyudi Wibowo
Widodo Wijaya Yulianto Zulkarnain Pohan Matondang Latuconsina Rumbewas Wenda Mandagi
""".split()

CITIES = """
Jakarta Surabaya Bandung Medan Semarang Makassar Palembang Denpasar Yogyakarta Malang Padang
Pekanbaru Balikpapan Samarinda Pontianak Banjarmasin Manado Ambon Jayapura Kupang Mataram
Jambi Bengkulu Serang Bogor Depok Bekasi Tangerang Cirebon Surakarta Kediri Jember Batam
Tarakan Palu Kendari Gorontalo Ternate Sorong Pangkalpinang Tanjungpinang Mamuju Sukabumi
Tasikmalaya Purwokerto Magelang Madiun Banyuwangi Bukittinggi Lhokseumawe Binjai Parepare
""".split()

COUNTRIES = """
Malaysia Singapura Thailand Vietnam Filipina Jepang Tiongkok India Australia Jerman Prancis
Inggris Amerika Brasil Mesir Turki Belanda Korea Arab Kanada
""".split()

# Per section: the actors (subjects of sentences), the things they act on, and the events
# where it happens. Used for titles, bodies and summaries.
SECTION_WORDS = {
    "Politik": {
        "actors": [
            "Presiden", "Wakil Presiden", "Ketua DPR", "Komisi II DPR", "Fraksi oposisi",
            "Menteri Dalam Negeri", "Gubernur", "Wali Kota", "Bupati", "KPU", "Bawaslu",
            "Sekretaris jenderal partai", "Tim pemenangan", "Koalisi partai", "DPRD provinsi",
            "Juru bicara istana", "Pengamat politik", "Ketua umum partai",
        ],
        "things": [
            "revisi undang-undang pemilu", "daftar pemilih tetap", "jadwal pilkada",
            "anggaran kampanye", "koalisi pemerintahan", "rancangan peraturan daerah",
            "hasil rekapitulasi suara", "pelantikan kepala daerah", "reshuffle kabinet",
            "ambang batas parlemen", "debat calon", "pengawasan dana partai",
            "pemekaran wilayah", "hak angket", "netralitas aparatur sipil negara",
        ],
        "events": [
            "rapat paripurna", "rapat dengar pendapat", "sidang kabinet", "konferensi pers",
            "rapat pleno", "kunjungan kerja", "musyawarah nasional", "deklarasi koalisi",
        ],
        "headline_verbs": ["Bahas", "Tolak", "Setujui", "Usulkan", "Kritik", "Dukung", "Evaluasi"],
    },
    "Ekonomi": {
        "actors": [
            "Bank Indonesia", "Menteri Keuangan", "Otoritas Jasa Keuangan", "Badan Pusat Statistik",
            "Kamar Dagang", "Asosiasi pengusaha", "Kementerian Perdagangan", "Bursa Efek",
            "Ekonom senior", "Pelaku UMKM", "Pedagang pasar", "Perusahaan BUMN", "Investor asing",
            "Dinas Koperasi", "Petani", "Serikat pekerja",
        ],
        "things": [
            "suku bunga acuan", "harga beras", "inflasi tahunan", "nilai tukar rupiah",
            "ekspor batubara", "kredit usaha rakyat", "upah minimum", "harga cabai",
            "penerimaan pajak", "subsidi energi", "cadangan devisa", "harga minyak goreng",
            "investasi kawasan industri", "stok pangan", "neraca perdagangan", "tarif listrik",
        ],
        "events": [
            "rapat dewan gubernur", "pameran dagang", "forum investasi", "operasi pasar",
            "rapat koordinasi", "peluncuran program", "temu bisnis", "paparan kinerja",
        ],
        "headline_verbs": ["Naikkan", "Tahan", "Pangkas", "Dorong", "Pantau", "Genjot", "Stabilkan"],
    },
    "Hukum": {
        "actors": [
            "Kejaksaan Agung", "Komisi Pemberantasan Korupsi", "Polda", "Mahkamah Agung",
            "Mahkamah Konstitusi", "Majelis hakim", "Jaksa penuntut umum", "Kuasa hukum terdakwa",
            "Penyidik", "Komnas HAM", "Ombudsman", "Lembaga bantuan hukum", "Polres",
            "Pengadilan Negeri", "Tim kuasa hukum",
        ],
        "things": [
            "kasus dugaan korupsi", "gugatan uji materi", "berkas perkara", "tuntutan hukuman",
            "praperadilan", "penyitaan aset", "kasus penipuan daring", "sengketa lahan",
            "perkara narkotika", "vonis banding", "laporan dugaan pungutan liar",
            "pemeriksaan saksi", "penahanan tersangka", "rekonstruksi kejadian",
        ],
        "events": [
            "sidang putusan", "sidang perdana", "gelar perkara", "rapat kerja", "konferensi pers",
            "sidang lanjutan", "pemeriksaan lanjutan",
        ],
        "headline_verbs": ["Periksa", "Tahan", "Vonis", "Tuntut", "Limpahkan", "Sita", "Tolak"],
    },
    "Olahraga": {
        "actors": [
            "Tim nasional", "Pelatih kepala", "Kapten tim", "Pebulu tangkis", "Federasi sepak bola",
            "Klub tuan rumah", "Pelari muda", "Panitia turnamen", "Manajer tim", "Atlet angkat besi",
            "Pemain sayap", "Penjaga gawang", "Komite Olimpiade", "Pebalap", "Perenang nasional",
        ],
        "things": [
            "jadwal liga", "babak penyisihan", "laga tandang", "kontrak pemain", "latihan fisik",
            "peringkat dunia", "target medali", "renovasi stadion", "seleksi atlet",
            "klasemen sementara", "bursa transfer", "sanksi komisi disiplin", "persiapan musim",
        ],
        "events": [
            "laga persahabatan", "pemusatan latihan", "final turnamen", "kejuaraan nasional",
            "pekan olahraga", "uji coba", "babak semifinal",
        ],
        "headline_verbs": ["Bidik", "Kalahkan", "Tundukkan", "Incar", "Siapkan", "Rekrut", "Raih"],
    },
    "Internasional": {
        "actors": [
            "Perdana Menteri", "Menteri Luar Negeri", "Dewan Keamanan", "Sekretaris Jenderal",
            "Duta besar", "Pemerintah", "Parlemen", "Delegasi", "Pasukan penjaga perdamaian",
            "Organisasi kemanusiaan", "Kementerian Pertahanan", "Blok perdagangan",
        ],
        "things": [
            "perjanjian dagang", "bantuan kemanusiaan", "gencatan senjata", "sanksi ekonomi",
            "kerja sama maritim", "evakuasi warga", "krisis pengungsi", "perundingan iklim",
            "kuota impor", "latihan militer bersama", "perbatasan sengketa", "hubungan diplomatik",
        ],
        "events": [
            "konferensi tingkat tinggi", "sidang majelis umum", "kunjungan kenegaraan",
            "pertemuan bilateral", "forum regional", "perundingan tertutup",
        ],
        "headline_verbs": ["Sepakati", "Kecam", "Perpanjang", "Tangguhkan", "Perkuat", "Tinjau"],
    },
    "Teknologi": {
        "actors": [
            "Kementerian Komunikasi", "Perusahaan rintisan", "Operator seluler", "Pengembang aplikasi",
            "Peneliti keamanan siber", "Badan Siber", "Penyedia layanan awan", "Komunitas pemrogram",
            "Produsen ponsel", "Platform dagang daring", "Tim peneliti kampus",
        ],
        "things": [
            "jaringan 5G", "kebocoran data", "pusat data", "kecerdasan buatan", "dompet digital",
            "sertifikat elektronik", "aplikasi layanan publik", "serangan ransomware",
            "infrastruktur serat optik", "perangkat lunak sumber terbuka", "layanan internet desa",
            "pelindungan data pribadi", "satelit komunikasi", "sistem pembayaran QR",
        ],
        "events": [
            "peluncuran produk", "ajang hackathon", "pameran teknologi", "uji coba layanan",
            "konferensi pengembang", "lokakarya keamanan",
        ],
        "headline_verbs": ["Luncurkan", "Uji", "Kembangkan", "Perluas", "Amankan", "Garap"],
    },
    "Hiburan": {
        "actors": [
            "Penyanyi", "Sutradara", "Aktris", "Grup band", "Rumah produksi", "Panitia festival",
            "Komika", "Penulis skenario", "Produser musik", "Penari", "Dalang muda",
        ],
        "things": [
            "album baru", "film layar lebar", "konser amal", "tur keliling", "serial daring",
            "pameran seni rupa", "pertunjukan wayang", "lagu daerah", "festival musik",
            "novel terbaru", "penghargaan film",
        ],
        "events": [
            "jumpa pers", "pemutaran perdana", "malam penghargaan", "gladi resik",
            "festival budaya", "panggung terbuka",
        ],
        "headline_verbs": ["Rilis", "Gelar", "Garap", "Bawakan", "Sabet", "Umumkan"],
    },
}

# Shared by every section: verbs (me-/ber- forms for bodies), how things change, and words
# that join clauses.
VERBS = [
    "membahas", "menyiapkan", "meninjau", "mengevaluasi", "menyetujui", "menolak",
    "mengumumkan", "menetapkan", "memantau", "mendorong", "mempercepat", "menunda",
    "mengkaji", "menyoroti", "mempertanyakan", "mendukung", "memperketat", "melanjutkan",
    "menargetkan", "memperluas", "menyelesaikan", "mengawasi", "menyosialisasikan",
]
SAY = ["mengatakan", "menyebutkan", "menjelaskan", "menegaskan", "mengungkapkan", "menyampaikan"]
SAY_SHORT = ["kata", "ujar", "ungkap", "jelas", "tutur", "tambah"]
TRENDS = ["naik", "turun", "melonjak", "merosot", "bertahan", "meningkat", "menurun", "stabil"]
HEADLINE_TRENDS = ["Naik", "Turun", "Melonjak", "Anjlok", "Stagnan", "Membaik"]
HEADLINE_TIMES = [
    "Sejak Awal Tahun", "Jelang Lebaran", "Sepekan Terakhir", "Saat Musim Hujan", "Lagi",
    "Selama Kemarau", "Jelang Akhir Tahun", "Usai Libur Panjang",
]
ADJECTIVES = [
    "baru", "penting", "mendesak", "strategis", "terpadu", "berkelanjutan", "transparan",
    "menyeluruh", "bertahap", "terbuka", "ketat", "signifikan", "serius", "lanjutan",
]
CONNECTORS = [
    "Selain itu", "Namun", "Di sisi lain", "Sementara itu", "Oleh karena itu", "Meski begitu",
    "Sebelumnya", "Dalam kesempatan itu", "Lebih lanjut", "Adapun",
]
TIMES = [
    "pada Senin", "pada Selasa", "pada Rabu", "pada Kamis", "pada Jumat", "pada Sabtu",
    "pada Minggu", "kemarin", "pekan lalu", "pagi tadi", "awal bulan ini", "sejak tahun lalu",
    "hingga akhir tahun", "dalam dua pekan terakhir", "pada kuartal ketiga", "malam ini",
]
ROLES = [
    "kepala dinas", "juru bicara", "direktur utama", "ketua panitia", "pengamat",
    "anggota dewan", "peneliti senior", "ketua asosiasi", "warga setempat", "kepala bidang",
]
UNITS = ["persen", "ribu ton", "miliar rupiah", "triliun rupiah", "ribu orang", "unit", "kilometer"]
REASONS = [
    "karena cuaca buruk", "akibat keterbatasan anggaran", "setelah mendapat banyak keluhan warga",
    "demi menjaga stabilitas", "sesuai arahan pusat", "karena permintaan yang meningkat",
    "agar pelayanan lebih cepat", "untuk menghindari tumpang tindih aturan",
]
HEADINGS = [
    "Latar Belakang", "Tanggapan Pemerintah", "Dampak bagi Warga", "Reaksi Pasar",
    "Langkah Selanjutnya", "Kata Pengamat", "Data Terbaru", "Kronologi", "Sikap Dewan",
    "Suara dari Lapangan", "Catatan Redaksi", "Perbandingan Tahun Lalu", "Tantangan",
    "Rencana Jangka Panjang", "Apa Artinya", "Fakta Kunci", "Respons Publik", "Anggaran",
]

# Tags that belong to no section in particular.
GENERAL_TAGS = """
Nasional|Daerah|Viral|Cuaca|Banjir|Gempa|Mudik|Lebaran|Ramadan|Natal dan Tahun Baru|
Kemacetan|Pendidikan|Kesehatan|Lingkungan|Sampah Plastik|Transportasi Umum|Kereta Cepat|
Pariwisata|Kuliner|Pangan|Bencana Alam|Kebakaran Hutan|Kemarau|Air Bersih|Stunting|
Vaksinasi|Beasiswa|Perumahan|Jalan Tol|Desa Wisata|Hari Kemerdekaan|Gotong Royong|
Kemiskinan|Bansos|Guru Honorer|Posyandu|BPJS Kesehatan|Demam Berdarah|Polusi Udara|
Energi Terbarukan|Mangrove|Nelayan|Pertanian|Pupuk Subsidi|Ojek Online|Pelabuhan|Bandara|
Angkutan Lebaran|Haji|Umrah|Kota Tua|Pasar Tradisional|Sungai|Tsunami|Gunung Api|
Kemarau Panjang|Sekolah Rakyat
""".replace("\n", "").split("|")

# Tags of one section each.
SECTION_TAGS = {
    "Politik": """Pemilu|Pilkada|DPR|DPRD|KPU|Bawaslu|Partai Politik|Kabinet|Reshuffle|
Istana|Koalisi|Oposisi|Kampanye|Debat Capres|Daftar Pemilih|Otonomi Daerah|Pemekaran Wilayah|
Revisi UU|Hak Angket|Netralitas ASN|Kepala Daerah|Survei Elektabilitas|Dana Partai|
Politik Uang|Pelantikan|Ibu Kota Nusantara|Rekapitulasi Suara|Sengketa Pemilu|Demokrasi|
Pemilu 2024|Pilkada 2024""",
    "Ekonomi": """Inflasi|Rupiah|Suku Bunga|Bank Indonesia|OJK|Pajak|APBN|UMKM|Harga Beras|
Harga Cabai|Minyak Goreng|BBM|Subsidi|Ekspor|Impor|Investasi|Bursa Saham|IHSG|Kredit|
Upah Minimum|Ketenagakerjaan|Nikel|Batubara|Kelapa Sawit|Perbankan|Koperasi|Properti|
Hilirisasi|Neraca Perdagangan|Cadangan Devisa|Ekonomi Digital|Pertumbuhan Ekonomi|
APBN 2025|APBN 2026""",
    "Hukum": """Korupsi|KPK|Kejaksaan|Polri|Mahkamah Agung|Mahkamah Konstitusi|Praperadilan|
Narkoba|Penipuan Online|Sengketa Lahan|Pungli|Vonis|Tuntutan|Uji Materi|Tersangka|
Pencucian Uang|Kriminal|Pencurian|Hak Asasi Manusia|Ombudsman|Perlindungan Anak|
Kekerasan Dalam Rumah Tangga|Lalu Lintas|Tilang Elektronik|Judi Online|Penggelapan""",
    "Olahraga": """Sepak Bola|Timnas|Liga 1|Bulu Tangkis|Bola Voli|Bola Basket|MotoGP|
Formula 1|Atletik|Renang|Angkat Besi|Pencak Silat|Esports|SEA Games|Asian Games|Olimpiade|
Piala Dunia|Piala Asia|Transfer Pemain|Pelatih|Stadion|PON|Tinju|Panjat Tebing|Maraton|
Sepeda|Tenis|Catur""",
    "Internasional": """ASEAN|PBB|Timur Tengah|Palestina|Ukraina|Laut China Selatan|G20|
Diplomasi|Perdagangan Global|Pengungsi|Perubahan Iklim|Amerika Serikat|Tiongkok|Jepang|
Australia|Eropa|Malaysia|Singapura|Myanmar|India|Gencatan Senjata|Sanksi Ekonomi|
Pemilu Luar Negeri|WNI di Luar Negeri|Bantuan Kemanusiaan""",
    "Teknologi": """Kecerdasan Buatan|Keamanan Siber|Kebocoran Data|5G|Startup|E-Commerce|
Dompet Digital|Ponsel|Aplikasi|Media Sosial|Pusat Data|Komputasi Awan|Open Source|
Satelit|Internet Desa|Ransomware|Data Pribadi|Fintech|Gim|Robotika|Kendaraan Listrik|
Semikonduktor|Pemrograman|Transformasi Digital""",
    "Hiburan": """Musik|Film|Konser|Festival|Selebritas|Sinetron|Drama Korea|K-Pop|Dangdut|
Wayang|Teater|Seni Rupa|Buku|Penghargaan|Bioskop|Streaming|Komedi|Tari|Fotografi|
Budaya|Museum|Fesyen|Band Indie""",
}

CODE_LANGS = ["python", "javascript", "bash", "sql", "json", "yaml", "go", "rust"]
